/**
 * The deliveries list: filters, first page, infinite scroll (the `before` cursor), live inserts from the
 * event stream and the j/k selection. Vanilla zustand, no DOM: tested in Node against a fake client.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DeliverySummary, HookscopeApi } from '../../../shared/api';
import {
  appendPage,
  EMPTY_FILTERS,
  filtersToArgs,
  matchesFilters,
  mergeNewest,
  replaceItem,
  stepSelection,
  type DeliveryFilters,
} from '../lib/delivery-list';
import { errorMessage } from '../client/api-error';

export interface DeliveriesState {
  items: DeliverySummary[];
  next: string | null;
  filters: DeliveryFilters;
  /** the first page has been answered at least once for the current filters */
  loaded: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  /** live deliveries that may match an active full-text search (not shown until refreshed) */
  pendingLive: number;
  selectedId: string | null;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  /** re-reads the newest page and merges it on top (after the event stream reconnects) */
  catchUp(): Promise<void>;
  setFilters(patch: Partial<DeliveryFilters>): Promise<void>;
  clearFilters(): Promise<void>;
  receiveAdded(items: DeliverySummary[]): void;
  receiveUpdated(item: DeliverySummary): void;
  select(id: string | null): void;
  selectNext(): void;
  selectPrev(): void;
}

export type DeliveriesStore = StoreApi<DeliveriesState>;

export function createDeliveriesStore(client: Pick<HookscopeApi, 'listDeliveries'>, pageSize = 200): DeliveriesStore {
  // every first-page request gets a number; answers to superseded requests are dropped
  let generation = 0;
  // live deliveries that arrived while the first page was loading
  let arrivedWhileLoading: DeliverySummary[] = [];

  return createStore<DeliveriesState>()((set, get) => ({
    items: [],
    next: null,
    filters: EMPTY_FILTERS,
    loaded: false,
    loading: false,
    loadingMore: false,
    error: null,
    pendingLive: 0,
    selectedId: null,

    async load() {
      const mine = ++generation;
      arrivedWhileLoading = [];
      set({ loading: true, error: null, pendingLive: 0 });
      try {
        const page = await client.listDeliveries(filtersToArgs(get().filters, undefined, pageSize));
        if (mine !== generation) return;
        const items = mergeNewest(page.items, arrivedWhileLoading);
        arrivedWhileLoading = [];
        set({ items, next: page.next ?? null, loaded: true, loading: false, loadingMore: false });
      } catch (error) {
        if (mine !== generation) return;
        // the old filter's items and cursor must not stay: paging would continue the old query
        set({ loading: false, loadingMore: false, loaded: true, items: [], next: null, error: errorMessage(error) });
      }
    },

    async loadMore() {
      const { next, loading, loadingMore } = get();
      if (!next || loading || loadingMore) return;
      const mine = generation;
      set({ loadingMore: true });
      try {
        const page = await client.listDeliveries(filtersToArgs(get().filters, next, pageSize));
        if (mine !== generation) return;
        set({ items: appendPage(get().items, page.items), next: page.next ?? null, loadingMore: false });
      } catch (error) {
        if (mine !== generation) return;
        set({ loadingMore: false, error: errorMessage(error) });
      }
    },

    async catchUp() {
      if (!get().loaded) return get().load();
      const mine = generation;
      try {
        const page = await client.listDeliveries(filtersToArgs(get().filters, undefined, pageSize));
        if (mine !== generation) return;
        const shown = new Set(get().items.map((item) => item.id));
        const overlaps = page.items.some((item) => shown.has(item.id));
        // more missed deliveries than one page: merging would leave a gap below the page, so reload
        if (!overlaps && page.next) return get().load();
        set({ items: mergeNewest(get().items, page.items), pendingLive: 0, error: null });
      } catch (error) {
        if (mine !== generation) return;
        set({ error: errorMessage(error) });
      }
    },

    async setFilters(patch) {
      set({ filters: { ...get().filters, ...patch } });
      await get().load();
    },

    async clearFilters() {
      set({ filters: EMPTY_FILTERS });
      await get().load();
    },

    receiveAdded(incoming) {
      const { filters, loading } = get();
      const shown: DeliverySummary[] = [];
      let unknown = 0;
      for (const item of incoming) {
        const match = matchesFilters(item, filters);
        if (match === true) shown.push(item);
        else if (match === null) unknown++;
      }
      if (loading) arrivedWhileLoading.push(...shown);
      set({
        items: shown.length ? mergeNewest(get().items, shown) : get().items,
        pendingLive: get().pendingLive + unknown,
      });
    },

    receiveUpdated(item) {
      const items = replaceItem(get().items, item);
      if (items !== get().items) set({ items });
    },

    select(id) {
      set({ selectedId: id });
    },

    selectNext() {
      const { items, selectedId, next } = get();
      const id = stepSelection(items, selectedId, 1);
      set({ selectedId: id });
      // at the bottom of what is loaded: fetch the next page so j keeps going
      if (next && id && items.length - items.findIndex((x) => x.id === id) <= 5) void get().loadMore();
    },

    selectPrev() {
      set({ selectedId: stepSelection(get().items, get().selectedId, -1) });
    },
  }));
}
