import { useDeliveries, useStatus, useStores } from '../../app/stores-context';
import { tokenRejected } from '../../stores/status-store';
import { ErrorNote } from '../common/error-note';
import { DeliveryList, moveAndOpen } from './delivery-list';
import { NoDeliveries } from './no-deliveries';
import { QueryBar } from './query-bar';
import { TrafficTimeline } from './traffic-timeline';

export function DeliveriesPane() {
  const stores = useStores();
  const { deliveries } = stores;
  const total = useDeliveries((s) => s.total);
  const loaded = useDeliveries((s) => s.loaded);
  const loading = useDeliveries((s) => s.loading);
  // once the token is refused, the page-wide alert says what to do: no second note about the same cause
  const rejected = useStatus(tokenRejected);
  const error = useDeliveries((s) => (rejected ? null : s.error));
  const query = useDeliveries((s) => s.query);
  const newCount = useDeliveries((s) => s.newCount);
  const paused = useDeliveries((s) => s.paused);
  const sources = useStatus((s) => s.status?.sources ?? []);
  const filtered = query.trim() !== '';

  let body;
  if (!loaded) body = <p className="muted pad">Loading deliveries…</p>;
  else if (total === 0 && !filtered && !error) body = <NoDeliveries sources={sources} />;
  else if (total === 0 && filtered)
    body = (
      <div className="empty-state small">
        <p>No deliveries match this query.</p>
        <button type="button" className="btn" onClick={() => void deliveries.getState().setQuery('')}>
          Clear the query
        </button>
      </div>
    );
  else body = <DeliveryList />;

  return (
    <section className="pane deliveries-pane" aria-label="Deliveries">
      <div className="pane-head">
        <h2>Deliveries</h2>
        <span className="muted list-total" role="status" aria-live="polite">
          {loading && !loaded ? 'loading…' : `${total.toLocaleString()} ${filtered ? (total === 1 ? 'match' : 'matches') : total === 1 ? 'delivery' : 'deliveries'}`}
        </span>
        <div className="list-actions">
          <button type="button" className="btn btn-ghost btn-small" aria-pressed={paused} onClick={() => deliveries.getState().setPaused(!paused)} title="Pause or resume the live tail">
            {paused ? 'Resume live' : 'Pause live'}
          </button>
          <button type="button" className="btn btn-ghost btn-small" disabled={total === 0} onClick={() => void moveAndOpen(stores, 'first')}>
            Newest
          </button>
          <button type="button" className="btn btn-ghost btn-small" disabled={total === 0} onClick={() => void moveAndOpen(stores, 'last')}>
            Oldest
          </button>
        </div>
      </div>
      <QueryBar />
      {loaded && (total > 0 || filtered) ? <TrafficTimeline /> : null}
      {newCount > 0 ? (
        <button type="button" className="pending-live" onClick={() => void deliveries.getState().showNew()}>
          {newCount.toLocaleString()} new — show
        </button>
      ) : null}
      <ErrorNote message={error} />
      {body}
    </section>
  );
}
