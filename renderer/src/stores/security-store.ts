/** Security view: counters per failure code, alerts (live from alertRaised), call ratio. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Alert, HookscopeApi, SecurityValue } from '../../../shared/api';
import { errorMessage } from '../client/api-error';

export interface SecurityState {
  value: SecurityValue | null;
  loading: boolean;
  error: string | null;
  /** alerts raised since the view was loaded, newest first (also merged into value.alerts) */
  unseen: number;
  load(): Promise<void>;
  receiveAlert(alert: Alert): void;
  markSeen(): void;
}

export type SecurityStore = StoreApi<SecurityState>;

export function createSecurityStore(client: Pick<HookscopeApi, 'getSecurity'>): SecurityStore {
  return createStore<SecurityState>()((set, get) => ({
    value: null,
    loading: false,
    error: null,
    unseen: 0,

    async load() {
      set({ loading: true });
      try {
        const value = await client.getSecurity({});
        set({ value, loading: false, error: null });
      } catch (error) {
        set({ loading: false, error: errorMessage(error) });
      }
    },

    receiveAlert(alert) {
      const value = get().value ?? { counters: [], alerts: [], calls: { succeeded: 0, failed: 0, ratio: null } };
      const alerts = [alert, ...value.alerts.filter((a) => a.id !== alert.id)];
      set({ value: { ...value, alerts }, unseen: get().unseen + 1 });
    },

    markSeen() {
      set({ unseen: 0 });
    },
  }));
}
