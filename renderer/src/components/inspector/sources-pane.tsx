import { useStatus, useStores } from '../../app/stores-context';
import { SourceCard } from './source-card';

export function SourcesPane() {
  const { ui, scope } = useStores();
  const status = useStatus((s) => s.status);
  if (!status) return null;
  const tunnelOn = status.tunnel.state === 'online' || status.tunnel.state === 'connecting';
  return (
    <aside className="pane sources-pane" aria-label="Sources">
      <div className="pane-head">
        <h2>Sources</h2>
        {scope === 'local' ? (
          <button type="button" className="btn btn-ghost btn-small" aria-label="Add source" onClick={() => ui.getState().requestAddSource()}>
            + Add
          </button>
        ) : null}
      </div>
      <ul className="source-list">
        {status.sources.map((source) => (
          <SourceCard key={source.id} source={source} tunnelOn={tunnelOn} />
        ))}
      </ul>
      <p className="receiver-note muted">
        Receiver <code>{status.receiverUrl}</code>
      </p>
    </aside>
  );
}
