/** The open delivery: detail, tabs, reveal raw, replay. Vanilla zustand, no DOM. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Attempt, DeliveryDetail, DeliverySummary, HookscopeApi } from '../../../shared/api';
import type { RouteTab } from '../../../shared/route';
import { errorMessage } from '../client/api-error';

/** the tabs a URL can name (shared/route.ts) */
export type DetailTab = RouteTab;

/** what the Compare tab diffs the open delivery against */
export type CompareMode = 'delivery' | 'sent' | 'responses';

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
  /** the delivery open before this one: the Compare tab offers it first */
  previousId: string | null;
  /** the other delivery of the Compare tab (redacted detail, like the open one) */
  compared: DeliveryDetail | null;
  comparing: boolean;
  compareError: string | null;
  compareMode: CompareMode;
  setCompareMode(mode: CompareMode): void;
  open(id: string | null): Promise<void>;
  refresh(): Promise<void>;
  setTab(tab: DetailTab): void;
  revealRaw(): Promise<void>;
  replay(request: ReplayRequest): Promise<Attempt | null>;
  /** the replay as a command, re-signed now (the secret is never in it); null on error (replayError says why) */
  copyCommand(format: 'curl' | 'fetch' | 'httpie', request: ReplayRequest): Promise<string | null>;
  receiveUpdated(item: DeliverySummary): void;
  /** loads another delivery to diff against the open one */
  compareWith(otherId: string): Promise<void>;
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
    previousId: null,
    compared: null,
    comparing: false,
    compareError: null,
    compareMode: 'delivery',

    setCompareMode(compareMode) {
      set({ compareMode });
    },

    async open(id) {
      if (id === get().id && get().detail) return;
      const mine = ++generation;
      const before = get().id;
      set({
        id,
        previousId: before && before !== id ? before : get().previousId,
        compared: null,
        comparing: false,
        compareError: null,
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

    async compareWith(otherId) {
      const other = otherId.trim();
      if (!get().id) return;
      if (!other) {
        set({ compareError: 'Enter the id of the delivery to compare with (shown under each delivery title).' });
        return;
      }
      const mine = generation;
      set({ comparing: true, compareError: null, compareMode: 'delivery' });
      try {
        const compared = await client.getDelivery({ id: other });
        if (mine === generation) set({ compared, comparing: false });
      } catch (error) {
        if (mine === generation) set({ comparing: false, compared: null, compareError: errorMessage(error) });
      }
    },

    receiveUpdated(item) {
      if (item.id === get().id) void get().refresh();
    },
  }));
}
