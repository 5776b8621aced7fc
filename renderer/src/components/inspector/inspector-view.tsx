import { useEffect } from 'react';
import { useDetail, useStatus, useStores, useUi } from '../../app/stores-context';
import type { InspectorPane } from '../../stores/ui-store';
import { DetailPane } from '../detail/detail-pane';
import { DeliveriesPane } from './deliveries-pane';
import { NoSources } from './no-sources';
import { SourcesPane } from './sources-pane';
import { useInspectorKeys } from './use-inspector-keys';

const PANES: Array<{ pane: InspectorPane; label: string }> = [
  { pane: 'sources', label: 'Sources' },
  { pane: 'list', label: 'Deliveries' },
  { pane: 'detail', label: 'Detail' },
];

/** Three panes side by side; below ~1,100 px one at a time with a switcher (CSS decides which layout applies). */
export function InspectorView() {
  const stores = useStores();
  const status = useStatus((s) => s.status);
  const statusError = useStatus((s) => s.error);
  const chosen = useUi((s) => s.inspectorPane);
  const open = useDetail((s) => s.id !== null);
  // nothing open: the detail pane would be empty, show the list
  const pane = chosen === 'detail' && !open ? 'list' : chosen;
  useInspectorKeys(stores);

  // opening a delivery shows its detail when only one pane fits
  useEffect(
    () =>
      stores.detail.subscribe((s, p) => {
        if (s.id && s.id !== p.id) stores.ui.getState().setInspectorPane('detail');
      }),
    [stores],
  );

  if (!status) {
    // a workspace that cannot be read says why; it is read again when its stream comes back
    return stores.scope === 'workspace' && statusError ? (
      <div className="inspector inspector-empty">
        <p className="error-note" role="alert">
          {statusError}
        </p>
      </div>
    ) : null;
  }
  if (status.sources.length === 0) {
    return (
      <div className="inspector inspector-empty">
        <NoSources />
      </div>
    );
  }
  return (
    <div className="inspector" data-pane={pane}>
      <nav className="pane-switcher" aria-label="Inspector panes">
        {PANES.map((p) => (
          <button key={p.pane} type="button" className={`view-tab${pane === p.pane ? ' active' : ''}`} aria-current={pane === p.pane ? 'true' : undefined} onClick={() => stores.ui.getState().setInspectorPane(p.pane)}>
            {p.label}
          </button>
        ))}
      </nav>
      <SourcesPane />
      <DeliveriesPane />
      <DetailPane />
    </div>
  );
}
