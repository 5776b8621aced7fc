/** The team workspace this Hookscope is connected to, and which history the Inspector shows. Vanilla zustand, no DOM. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectWorkspaceArgs, HookscopeApi, WorkspaceInfo } from '../../../shared/api';
import { errorMessage, fieldIssues, type FieldIssue } from '../client/api-error';

export type HistoryScope = 'local' | 'workspace';

export interface WorkspaceState {
  info: WorkspaceInfo | null;
  busy: boolean;
  /** the last connect or disconnect that failed: the message and the fields it names (args.url, args.token…) */
  error: string | null;
  issues: FieldIssue[];
  /** which history the Inspector shows */
  viewing: HistoryScope;
  load(): Promise<void>;
  /** true when connected; the token goes to this instance only and is never read back */
  connect(args: ConnectWorkspaceArgs): Promise<boolean>;
  disconnect(): Promise<void>;
  receive(info: WorkspaceInfo): void;
  setViewing(scope: HistoryScope): void;
}

export type WorkspaceStore = StoreApi<WorkspaceState>;

type WorkspaceClient = Pick<HookscopeApi, 'getWorkspace' | 'connectWorkspace' | 'disconnectWorkspace'>;

export function createWorkspaceStore(client: WorkspaceClient): WorkspaceStore {
  return createStore<WorkspaceState>()((set, get) => ({
    info: null,
    busy: false,
    error: null,
    issues: [],
    viewing: 'local',

    async load() {
      try {
        get().receive(await client.getWorkspace({}));
      } catch (error) {
        set({ error: errorMessage(error), issues: [] });
      }
    },

    async connect(args) {
      set({ busy: true, error: null, issues: [] });
      try {
        const info = await client.connectWorkspace(args);
        set({ busy: false });
        get().receive(info);
        return true;
      } catch (error) {
        set({ busy: false, error: errorMessage(error), issues: fieldIssues(error) });
        return false;
      }
    },

    async disconnect() {
      set({ busy: true, error: null, issues: [] });
      try {
        const info = await client.disconnectWorkspace({});
        set({ busy: false });
        get().receive(info);
      } catch (error) {
        set({ busy: false, error: errorMessage(error) });
      }
    },

    receive(info) {
      // nothing connected: only the local history is left to show
      set(info.url === null ? { info, viewing: 'local' } : { info });
    },

    setViewing(viewing) {
      if (viewing === 'workspace' && !get().info?.url) return;
      set({ viewing });
    },
  }));
}
