import { useStores, useWorkspace } from '../../app/stores-context';

const STATE_WORDS = { off: 'not connected', connecting: 'connecting', online: 'live', error: 'needs attention' } as const;

/** Local / <workspace>: whose history the Inspector shows. Only there while a team workspace is connected. */
export function HistorySwitcher() {
  const { workspace, ui } = useStores();
  const info = useWorkspace((s) => s.info);
  const viewing = useWorkspace((s) => s.viewing);
  if (!info?.url) return null;
  const choose = (scope: 'local' | 'workspace') => {
    workspace.getState().setViewing(scope);
    ui.getState().setView('inspector');
  };
  return (
    <nav className="history-switcher" aria-label="History">
      <button type="button" className={`view-tab${viewing === 'local' ? ' active' : ''}`} aria-pressed={viewing === 'local'} onClick={() => choose('local')}>
        Local
      </button>
      <button
        type="button"
        className={`view-tab workspace-tab workspace-${info.state}${viewing === 'workspace' ? ' active' : ''}`}
        aria-pressed={viewing === 'workspace'}
        title={info.message}
        onClick={() => choose('workspace')}
      >
        <span className="dot" aria-hidden="true" />
        {info.name}
        <span className="sr-only"> (team workspace, {STATE_WORDS[info.state]})</span>
      </button>
    </nav>
  );
}
