/** Receiver, tunnel and sources status (getStatus), kept live from the event stream. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DeliverySummary, HookscopeApi, StatusValue, TunnelStatus } from '../../../shared/api';
import { errorCode, errorMessage } from '../client/api-error';
import type { StreamState } from '../client/types';

export interface StatusState {
  status: StatusValue | null;
  loading: boolean;
  error: string | null;
  errorCode: string | null;
  /** null in Electron (no stream state), else the web-mode event stream's state */
  stream: StreamState | null;
  tunnelBusy: boolean;
  tunnelError: string | null;
  load(): Promise<void>;
  receiveAdded(items: DeliverySummary[]): void;
  setTunnel(tunnel: TunnelStatus): void;
  toggleTunnel(enabled: boolean): Promise<void>;
  setStream(state: StreamState): void;
}

export type StatusStore = StoreApi<StatusState>;

export function createStatusStore(client: Pick<HookscopeApi, 'getStatus' | 'setTunnel'>): StatusStore {
  let generation = 0;
  return createStore<StatusState>()((set, get) => ({
    status: null,
    loading: false,
    error: null,
    errorCode: null,
    stream: null,
    tunnelBusy: false,
    tunnelError: null,

    async load() {
      const mine = ++generation;
      set({ loading: true });
      try {
        const status = await client.getStatus({});
        if (mine !== generation) return;
        set({ status, loading: false, error: null, errorCode: null });
      } catch (error) {
        if (mine !== generation) return;
        set({ loading: false, error: errorMessage(error), errorCode: errorCode(error) });
      }
    },

    receiveAdded(items) {
      const status = get().status;
      if (!status || items.length === 0) return;
      const sources = status.sources.map((source) => {
        const mine = items.filter((item) => item.sourceId === source.id);
        if (mine.length === 0) return source;
        const verified = mine.filter((item) => item.verdict === 'verified').length;
        return {
          ...source,
          counts: {
            total: source.counts.total + mine.length,
            verified: source.counts.verified + verified,
            rejected: source.counts.rejected + mine.length - verified,
          },
        };
      });
      set({ status: { ...status, sources } });
    },

    setTunnel(tunnel) {
      const status = get().status;
      if (!status) return;
      set({ status: { ...status, tunnel } });
    },

    async toggleTunnel(enabled) {
      set({ tunnelBusy: true, tunnelError: null });
      try {
        const tunnel = await client.setTunnel({ enabled });
        get().setTunnel(tunnel);
        set({ tunnelBusy: false });
      } catch (error) {
        set({ tunnelBusy: false, tunnelError: errorMessage(error) });
      }
    },

    setStream(stream) {
      set({ stream });
    },
  }));
}

/** The server refused this page's token (web mode, after Hookscope restarted with a new one). */
export function tokenRejected(state: Pick<StatusState, 'stream' | 'errorCode'>): boolean {
  return state.stream === 'unauthorized' || state.errorCode === 'unauthorized';
}
