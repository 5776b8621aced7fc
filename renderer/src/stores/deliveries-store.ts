/**
 * The deliveries list as a window over the whole result: the server counts the query's matches in a
 * snapshot (`top`), the list is that tall, and pages load where the user looks. Live deliveries: while
 * following (at the top, not paused) the first page is re-read; otherwise only the "N new" count grows
 * and nothing moves under the user. The query is filtered by the server only. Vanilla zustand, no DOM.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DeliverySummary, HookscopeApi } from '../../../shared/api';
import { parseQuery, type QueryError } from '../../../shared/query';
import { indexOfId, itemAt, listArgs, missingPages, PAGE_SIZE, replaceItem, type Pages } from '../lib/delivery-list';
import { errorMessage } from '../client/api-error';

export interface DeliveriesState {
  /** the query the list shows */
  query: string;
  /** why the typed query was not run (parsed here, so no round trip is needed to say so) */
  queryError: QueryError | null;
  pages: Pages;
  /** matches of the query in the snapshot */
  total: number;
  /** the snapshot cursor (`top` of the first page) */
  top: string | null;
  loaded: boolean;
  loading: boolean;
  error: string | null;
  /** matching deliveries stored after the snapshot (shown as the "N new" pill) */
  newCount: number;
  paused: boolean;
  /** the list is scrolled to its top (set by the view): with paused off, new deliveries flow in */
  atTop: boolean;
  selectedId: string | null;
  /** index of the selection in the list (kept when its page is not loaded) */
  selectedIndex: number;
  /** bumped when the view should scroll to selectedIndex */
  scrollRequest: number;
  load(): Promise<void>;
  /** loads the pages that rows first..last touch */
  ensureRange(first: number, last: number): Promise<void>;
  setQuery(query: string): Promise<void>;
  setPaused(paused: boolean): void;
  setAtTop(atTop: boolean): void;
  /** takes in the new deliveries: a fresh snapshot, scrolled to the newest */
  showNew(): Promise<void>;
  /** re-reads after the event stream reconnects */
  catchUp(): Promise<void>;
  receiveAdded(items: DeliverySummary[]): void;
  receiveUpdated(item: DeliverySummary): void;
  select(id: string | null, index?: number): void;
  /** moves the selection by delta rows (or to an end) and loads what it lands on */
  moveSelection(to: number | 'first' | 'last'): Promise<DeliverySummary | null>;
}

export type DeliveriesStore = StoreApi<DeliveriesState>;

/** ms between re-reads while deliveries stream in */
const LIVE_INTERVAL = 300;

export function createDeliveriesStore(client: Pick<HookscopeApi, 'listDeliveries'>, options: { liveInterval?: number } = {}): DeliveriesStore {
  const liveInterval = options.liveInterval ?? LIVE_INTERVAL;
  // every snapshot gets a number; answers for an older snapshot are dropped
  let generation = 0;
  const inflight = new Map<number, Promise<void>>();
  let liveTimer: ReturnType<typeof setTimeout> | null = null;

  const store = createStore<DeliveriesState>()((set, get) => {
    /** a fresh snapshot from the first page; keepSelection keeps the selected id and finds its new index */
    async function refresh(mode: 'reset' | 'live'): Promise<void> {
      const mine = ++generation;
      inflight.clear();
      if (mode === 'reset') set({ loading: true, error: null });
      try {
        const page = await client.listDeliveries(listArgs(get().query, { limit: PAGE_SIZE }));
        if (mine !== generation) return;
        const before = get();
        const pages: Pages = { 0: page.items };
        let selectedIndex = before.selectedIndex;
        if (before.selectedId) {
          const found = indexOfId(pages, before.selectedId);
          // not on the first page: it moved down by however many arrived
          selectedIndex = found >= 0 ? found : before.selectedIndex + Math.max(0, page.total - before.total);
        }
        set({ pages, total: page.total, top: page.top, loaded: true, loading: false, error: null, newCount: 0, selectedIndex });
      } catch (error) {
        if (mine !== generation) return;
        set({ loading: false, loaded: true, error: errorMessage(error), ...(mode === 'reset' ? { pages: {}, total: 0, top: null } : {}) });
      }
    }

    function loadPage(p: number): Promise<void> {
      const running = inflight.get(p);
      if (running) return running;
      const { top, query } = get();
      if (!top || get().pages[p]) return Promise.resolve();
      const mine = generation;
      const task = (async () => {
        try {
          const page = await client.listDeliveries(listArgs(query, { limit: PAGE_SIZE, offset: p * PAGE_SIZE, asOf: top }));
          if (mine !== generation) return;
          set({ pages: { ...get().pages, [p]: page.items }, total: page.total });
        } catch (error) {
          if (mine === generation) set({ error: errorMessage(error) });
        }
      })();
      inflight.set(p, task);
      void task.then(() => {
        if (inflight.get(p) === task) inflight.delete(p);
      });
      return task;
    }

    /** counts matches stored since the snapshot without touching what is shown */
    async function countNew(): Promise<void> {
      const mine = generation;
      try {
        const page = await client.listDeliveries(listArgs(get().query, { limit: 1 }));
        if (mine !== generation) return;
        set({ newCount: Math.max(0, page.total - get().total) });
      } catch {
        // the pill is a hint; the next arrival tries again
      }
    }

    function scheduleLive(): void {
      if (liveTimer) return;
      liveTimer = setTimeout(() => {
        liveTimer = null;
        const { atTop, paused, loaded } = get();
        if (!loaded) return;
        if (atTop && !paused) void refresh('live');
        else void countNew();
      }, liveInterval);
    }

    return {
      query: '',
      queryError: null,
      pages: {},
      total: 0,
      top: null,
      loaded: false,
      loading: false,
      error: null,
      newCount: 0,
      paused: false,
      atTop: true,
      selectedId: null,
      selectedIndex: -1,
      scrollRequest: 0,

      load: () => refresh('reset'),

      async ensureRange(first, last) {
        const { pages, total } = get();
        await Promise.all(missingPages(pages, first, last, total).map(loadPage));
      },

      async setQuery(query) {
        const parsed = parseQuery(query);
        if (!parsed.ok) {
          set({ queryError: parsed.error });
          return;
        }
        set({ query, queryError: null, selectedIndex: -1, scrollRequest: get().scrollRequest + 1 });
        await refresh('reset');
      },

      setPaused(paused) {
        set({ paused });
        if (!paused && get().atTop && get().newCount > 0) void refresh('live');
      },

      setAtTop(atTop) {
        if (atTop === get().atTop) return;
        set({ atTop });
        // scrolled back to the top while following: take in what arrived meanwhile
        if (atTop && !get().paused && get().newCount > 0) void refresh('live');
      },

      async showNew() {
        set({ selectedIndex: get().selectedId ? get().selectedIndex : -1, atTop: true });
        await refresh('live');
        set({ scrollRequest: get().scrollRequest + 1 });
      },

      catchUp: () => refresh(get().loaded ? 'live' : 'reset'),

      receiveAdded(items) {
        if (items.length === 0) return;
        scheduleLive();
      },

      receiveUpdated(item) {
        const pages = replaceItem(get().pages, item);
        if (pages !== get().pages) set({ pages });
      },

      select(id, index) {
        set({ selectedId: id, selectedIndex: index ?? (id ? indexOfId(get().pages, id) : -1) });
      },

      async moveSelection(to) {
        const { total, selectedIndex } = get();
        if (total === 0) return null;
        const target = to === 'first' ? 0 : to === 'last' ? total - 1 : Math.min(total - 1, Math.max(0, (selectedIndex < 0 ? -1 : selectedIndex) + to));
        set({ selectedIndex: target, scrollRequest: get().scrollRequest + 1 });
        await get().ensureRange(target, target);
        if (get().selectedIndex !== target) return null;
        const item = itemAt(get().pages, target) ?? null;
        set({ selectedId: item?.id ?? null });
        return item;
      },
    };
  });
  return store;
}
