/** Readiness checklist of one source. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HookscopeApi, ReadinessItem } from '../../../shared/api';
import { errorMessage } from '../client/api-error';

export interface ReadinessState {
  sourceId: string | null;
  items: ReadinessItem[];
  loading: boolean;
  error: string | null;
  load(sourceId: string): Promise<void>;
}

export type ReadinessStore = StoreApi<ReadinessState>;

export function createReadinessStore(client: Pick<HookscopeApi, 'getReadiness'>): ReadinessStore {
  let generation = 0;
  return createStore<ReadinessState>()((set) => ({
    sourceId: null,
    items: [],
    loading: false,
    error: null,
    async load(sourceId) {
      const mine = ++generation;
      set({ sourceId, loading: true, error: null });
      try {
        const { items } = await client.getReadiness({ sourceId });
        if (mine === generation) set({ items, loading: false });
      } catch (error) {
        if (mine === generation) set({ items: [], loading: false, error: errorMessage(error) });
      }
    },
  }));
}
