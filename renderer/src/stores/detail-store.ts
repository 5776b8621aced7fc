/** The open delivery: detail, tabs, reveal raw, replay. Vanilla zustand, no DOM. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Attempt, DeliveryDetail, DeliverySummary, HookscopeApi } from '../../../shared/api';
import { errorMessage } from '../client/api-error';

export type DetailTab = 'checks' | 'request' | 'forwarding';

export interface ReplayRequest {
  mode: 'original' | 'resign';
  target?: string;
  body?: string;
}

export interface DetailState {
  id: string | null;
  detail: DeliveryDetail | null;
  loading: boolean;
  error: string | null;
  tab: DetailTab;
  raw: { body: string; encoding: 'utf8' | 'base64' } | null;
  rawLoading: boolean;
  rawError: string | null;
  replaying: boolean;
  replayError: string | null;
  /** id of the attempt the last replay returned (highlighted in Forwarding) */
  lastAttemptId: string | null;
  open(id: string | null): Promise<void>;
  refresh(): Promise<void>;
  setTab(tab: DetailTab): void;
  revealRaw(): Promise<void>;
  replay(request: ReplayRequest): Promise<Attempt | null>;
  /** the replay as a command, re-signed now (the secret is never in it); null on error (replayError says why) */
  copyCommand(format: 'curl' | 'fetch' | 'httpie', request: ReplayRequest): Promise<string | null>;
  receiveUpdated(item: DeliverySummary): void;
}

export type DetailStore = StoreApi<DetailState>;

type DetailClient = Pick<HookscopeApi, 'getDelivery' | 'revealRaw' | 'replayDelivery' | 'copyReplayCommand'>;

export function createDetailStore(client: DetailClient): DetailStore {
  let generation = 0;

  return createStore<DetailState>()((set, get) => ({
    id: null,
    detail: null,
    loading: false,
    error: null,
    tab: 'checks',
    raw: null,
    rawLoading: false,
    rawError: null,
    replaying: false,
    replayError: null,
    lastAttemptId: null,

    async open(id) {
      if (id === get().id && get().detail) return;
      const mine = ++generation;
      set({
        id,
        detail: null,
        error: null,
        raw: null,
        rawError: null,
        rawLoading: false,
        replaying: false,
        replayError: null,
        lastAttemptId: null,
        loading: id !== null,
      });
      if (id === null) return;
      try {
        const detail = await client.getDelivery({ id });
        if (mine !== generation) return;
        set({ detail, loading: false });
      } catch (error) {
        if (mine !== generation) return;
        set({ loading: false, error: errorMessage(error) });
      }
    },

    async refresh() {
      const { id } = get();
      if (!id) return;
      const mine = generation;
      try {
        const detail = await client.getDelivery({ id });
        if (mine !== generation) return;
        set({ detail, error: null });
      } catch (error) {
        if (mine !== generation) return;
        set({ error: errorMessage(error) });
      }
    },

    setTab(tab) {
      set({ tab });
    },

    async revealRaw() {
      const { id } = get();
      if (!id) return;
      const mine = generation;
      set({ rawLoading: true, rawError: null });
      try {
        const raw = await client.revealRaw({ id });
        if (mine !== generation) return;
        set({ raw, rawLoading: false });
      } catch (error) {
        if (mine !== generation) return;
        set({ rawLoading: false, rawError: errorMessage(error) });
      }
    },

    async replay(request) {
      const { id } = get();
      if (!id) return null;
      const mine = generation;
      set({ replaying: true, replayError: null, tab: 'forwarding' });
      try {
        const args: { id: string; mode: 'original' | 'resign'; target?: string; body?: string } = { id, mode: request.mode };
        if (request.target && request.target.trim()) args.target = request.target.trim();
        if (request.body !== undefined) args.body = request.body;
        const attempt = await client.replayDelivery(args);
        if (mine !== generation) return attempt;
        const detail = get().detail;
        if (detail) {
          const attempts = [...detail.attempts.filter((a) => a.id !== attempt.id), attempt];
          set({ detail: { ...detail, attempts } });
        }
        set({ replaying: false, lastAttemptId: attempt.id });
        return attempt;
      } catch (error) {
        if (mine === generation) set({ replaying: false, replayError: errorMessage(error) });
        return null;
      }
    },

    async copyCommand(format, request) {
      const { id } = get();
      if (!id) return null;
      set({ replayError: null });
      try {
        const args: Parameters<DetailClient['copyReplayCommand']>[0] = { id, format, mode: request.mode };
        if (request.target && request.target.trim()) args.target = request.target.trim();
        if (request.body !== undefined) args.body = request.body;
        return (await client.copyReplayCommand(args)).text;
      } catch (error) {
        set({ replayError: errorMessage(error) });
        return null;
      }
    },

    receiveUpdated(item) {
      if (item.id === get().id) void get().refresh();
    },
  }));
}
