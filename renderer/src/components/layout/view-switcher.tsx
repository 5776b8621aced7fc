import { useStores, useUi, useSecurity } from '../../app/stores-context';
import type { View } from '../../stores/ui-store';

const VIEWS: Array<{ view: View; label: string }> = [
  { view: 'inspector', label: 'Inspector' },
  { view: 'security', label: 'Security' },
  { view: 'settings', label: 'Settings' },
  { view: 'readiness', label: 'Readiness' },
  { view: 'audit', label: 'Audit' },
];

export function ViewSwitcher() {
  const { ui } = useStores();
  const current = useUi((s) => s.view);
  const unseen = useSecurity((s) => s.unseen);
  return (
    <nav aria-label="Views" className="view-switcher">
      {VIEWS.map(({ view, label }) => (
        <button
          key={view}
          type="button"
          className={`view-tab${current === view ? ' active' : ''}`}
          aria-current={current === view ? 'page' : undefined}
          onClick={() => ui.getState().setView(view)}
        >
          {label}
          {view === 'security' && unseen > 0 ? (
            <span className="count-badge" aria-label={`${unseen} new alert${unseen === 1 ? '' : 's'}`}>
              {unseen}
            </span>
          ) : null}
        </button>
      ))}
    </nav>
  );
}
