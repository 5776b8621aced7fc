import { useDeliveries, useStatus, useStores } from '../../app/stores-context';
import { hasActiveFilters } from '../../lib/delivery-list';
import { tokenRejected } from '../../stores/status-store';
import { ErrorNote } from '../common/error-note';
import { DeliveryFilters } from './delivery-filters';
import { DeliveryList } from './delivery-list';
import { NoDeliveries } from './no-deliveries';

export function DeliveriesPane() {
  const { deliveries } = useStores();
  const count = useDeliveries((s) => s.items.length);
  const more = useDeliveries((s) => s.next !== null);
  const loaded = useDeliveries((s) => s.loaded);
  const loading = useDeliveries((s) => s.loading);
  // once the token is refused, the page-wide alert says what to do: no second note about the same cause
  const rejected = useStatus(tokenRejected);
  const error = useDeliveries((s) => (rejected ? null : s.error));
  const filters = useDeliveries((s) => s.filters);
  const pendingLive = useDeliveries((s) => s.pendingLive);
  const sources = useStatus((s) => s.status?.sources ?? []);
  const filtered = hasActiveFilters(filters);

  let body;
  if (!loaded) body = <p className="muted pad">Loading deliveries…</p>;
  else if (count === 0 && !filtered && !error) body = <NoDeliveries sources={sources} />;
  else if (count === 0 && filtered)
    body = (
      <div className="empty-state small">
        <p>No deliveries match these filters.</p>
        <button type="button" className="btn" onClick={() => void deliveries.getState().clearFilters()}>
          Clear filters
        </button>
      </div>
    );
  else body = <DeliveryList />;

  return (
    <section className="pane deliveries-pane" aria-label="Deliveries">
      <div className="pane-head">
        <h2>Deliveries</h2>
        <span className="muted" role="status" aria-live="polite">
          {loading ? 'loading…' : `${count.toLocaleString()}${more ? '+' : ''} shown`}
        </span>
      </div>
      <DeliveryFilters />
      {pendingLive > 0 ? (
        <button type="button" className="pending-live" onClick={() => void deliveries.getState().load()}>
          {pendingLive} new deliver{pendingLive === 1 ? 'y' : 'ies'} arrived — refresh the search
        </button>
      ) : null}
      <ErrorNote message={error} />
      {body}
    </section>
  );
}
