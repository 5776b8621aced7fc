/** Audit log (append-only on the server). */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AuditEntry, HookscopeApi } from '../../../shared/api';
import { errorMessage } from '../client/api-error';

export interface AuditState {
  items: AuditEntry[];
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
}

export type AuditStore = StoreApi<AuditState>;

export function createAuditStore(client: Pick<HookscopeApi, 'listAudit'>, limit = 500): AuditStore {
  return createStore<AuditState>()((set) => ({
    items: [],
    loading: false,
    error: null,
    async load() {
      set({ loading: true });
      try {
        const { items } = await client.listAudit({ limit });
        set({ items, loading: false, error: null });
      } catch (error) {
        set({ loading: false, error: errorMessage(error) });
      }
    },
  }));
}
