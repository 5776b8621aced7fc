import { useEffect, useRef, useState } from 'react';
import { CHECK_IDS, type CheckId, type Verdict } from '../../../../shared/checks';
import { useDeliveries, useStatus, useStores } from '../../app/stores-context';
import { hasActiveFilters } from '../../lib/delivery-list';

export const SEARCH_INPUT_ID = 'delivery-search';

/** Verdict, failing check, source, event type and full-text search. */
export function DeliveryFilters() {
  const { deliveries } = useStores();
  const filters = useDeliveries((s) => s.filters);
  const sources = useStatus((s) => s.status?.sources ?? []);
  const [q, setQ] = useState(filters.q);
  const [eventType, setEventType] = useState(filters.eventType ?? '');
  const typed = useRef({ q, eventType });
  typed.current = { q, eventType };

  // typing settles for a moment before the server is asked
  useEffect(() => {
    const handle = window.setTimeout(() => {
      const current = deliveries.getState().filters;
      const nextEvent = eventType.trim() || null;
      if (current.q !== q || current.eventType !== nextEvent) void deliveries.getState().setFilters({ q, eventType: nextEvent });
    }, 250);
    return () => window.clearTimeout(handle);
  }, [q, eventType, deliveries]);

  // external changes (Clear filters) flow back into the inputs
  useEffect(() => {
    if (filters.q !== typed.current.q) setQ(filters.q);
    if ((filters.eventType ?? '') !== typed.current.eventType.trim()) setEventType(filters.eventType ?? '');
  }, [filters.q, filters.eventType]);

  const set = (patch: Parameters<ReturnType<typeof deliveries.getState>['setFilters']>[0]) => void deliveries.getState().setFilters(patch);

  return (
    <div className="filters" role="search" aria-label="Filter deliveries">
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        className="search"
        aria-label="Search deliveries"
        placeholder="Search bodies and headers  ( / )"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
        }}
      />
      <select aria-label="Verdict filter" value={filters.verdict ?? ''} onChange={(e) => set({ verdict: (e.target.value || null) as Verdict | null })}>
        <option value="">Any verdict</option>
        <option value="verified">Verified</option>
        <option value="rejected">Rejected</option>
      </select>
      <select aria-label="Failing check filter" value={filters.failedCheck ?? ''} onChange={(e) => set({ failedCheck: (e.target.value || null) as CheckId | null })}>
        <option value="">Any check</option>
        {CHECK_IDS.map((id) => (
          <option key={id} value={id}>
            {id} failed
          </option>
        ))}
      </select>
      <select aria-label="Source filter" value={filters.sourceId ?? ''} onChange={(e) => set({ sourceId: e.target.value || null })}>
        <option value="">All sources</option>
        {sources.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name || s.id}
          </option>
        ))}
        <option value="unmatched">Unmatched paths (404)</option>
      </select>
      <input
        type="text"
        className="event-filter"
        aria-label="Event type filter"
        placeholder="Event type"
        value={eventType}
        onChange={(e) => setEventType(e.target.value)}
      />
      {hasActiveFilters(filters) ? (
        <button type="button" className="btn btn-ghost btn-small" onClick={() => void deliveries.getState().clearFilters()}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
