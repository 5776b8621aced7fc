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
  /** a state the instance announced (workspaceChanged): newer than any answer still on its way */
  receive(info: WorkspaceInfo): void;
  setViewing(scope: HistoryScope): void;
}

export type WorkspaceStore = StoreApi<WorkspaceState>;

type WorkspaceClient = Pick<HookscopeApi, 'getWorkspace' | 'connectWorkspace' | 'disconnectWorkspace'>;

export function createWorkspaceStore(client: WorkspaceClient): WorkspaceStore {
  // states announced so far: an answer to a call is applied only when none came in while it was on its way
  // (the stream can go online, and say so, before the answer to connect — "connecting" — arrives)
  let announced = 0;
  return createStore<WorkspaceState>()((set, get) => {
    const apply = (info: WorkspaceInfo): void => {
      // nothing connected: only the local history is left to show
      set(info.url === null ? { info, viewing: 'local' } : { info });
    };
    /** the answer to a call that started when `announced` was `since` */
    const answer = (info: WorkspaceInfo, since: number): void => {
      if (announced === since) apply(info);
    };
    return {
      info: null,
      busy: false,
      error: null,
      issues: [],
      viewing: 'local',

      async load() {
        const since = announced;
        try {
          answer(await client.getWorkspace({}), since);
        } catch (error) {
          set({ error: errorMessage(error), issues: [] });
        }
      },

      async connect(args) {
        set({ busy: true, error: null, issues: [] });
        const since = announced;
        try {
          const info = await client.connectWorkspace(args);
          set({ busy: false });
          answer(info, since);
          return true;
        } catch (error) {
          set({ busy: false, error: errorMessage(error), issues: fieldIssues(error) });
          return false;
        }
      },

      async disconnect() {
        set({ busy: true, error: null, issues: [] });
        const since = announced;
        try {
          const info = await client.disconnectWorkspace({});
          set({ busy: false });
          answer(info, since);
        } catch (error) {
          set({ busy: false, error: errorMessage(error) });
        }
      },

      receive(info) {
        announced++;
        apply(info);
      },

      setViewing(viewing) {
        if (viewing === 'workspace' && !get().info?.url) return;
        set({ viewing });
      },
    };
  });
}
