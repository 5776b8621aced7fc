/**
 * The timeline above the list: the list query's matches per time step, counted by the main side
 * (getTimeline). Follows the deliveries store: a new query reloads at once; new snapshots while live
 * reload at most once per `liveInterval`. Vanilla zustand, no DOM.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HookscopeApi, TimelineValue } from '../../../shared/api';
import { errorMessage } from '../client/api-error';
import type { DeliveriesStore } from './deliveries-store';

export interface TimelineState {
  value: TimelineValue | null;
  /** the query the value was counted for */
  query: string;
  error: string | null;
  load(query: string): Promise<void>;
}

export type TimelineStore = StoreApi<TimelineState>;

/** bars the chart asks for: per minute over an hour, finer or coarser as the window needs */
export const TIMELINE_BARS = 60;
// at 100k deliveries one count is a scan of an index on the main side: at most one every 3 s while live
const LIVE_INTERVAL = 3000;

export function createTimelineStore(client: Pick<HookscopeApi, 'getTimeline'>): TimelineStore {
  let generation = 0;
  return createStore<TimelineState>()((set) => ({
    value: null,
    query: '',
    error: null,
    async load(query) {
      const mine = ++generation;
      const q = query.trim();
      try {
        const value = await client.getTimeline(q ? { q, maxBuckets: TIMELINE_BARS } : { maxBuckets: TIMELINE_BARS });
        if (mine === generation) set({ value, query, error: null });
      } catch (error) {
        if (mine === generation) set({ error: errorMessage(error), query });
      }
    },
  }));
}

/** Keeps the timeline in step with the list; returns the unsubscribe function. */
export function followDeliveries(timeline: TimelineStore, deliveries: DeliveriesStore, options: { liveInterval?: number } = {}): () => void {
  const liveInterval = options.liveInterval ?? LIVE_INTERVAL;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;
  const reload = () => void timeline.getState().load(deliveries.getState().query);
  const unsubscribe = deliveries.subscribe((s, p) => {
    if (s.query !== p.query || (s.loaded && !p.loaded)) {
      if (timer) clearTimeout(timer);
      timer = null;
      last = Date.now();
      reload();
    } else if ((s.top !== p.top || s.newCount !== p.newCount) && !timer) {
      // live: deliveries arrived (taken into the list, or counted while scrolled); redraw, not on every one
      timer = setTimeout(() => {
        timer = null;
        last = Date.now();
        reload();
      }, Math.max(0, last + liveInterval - Date.now()));
    }
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}
