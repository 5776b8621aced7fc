/**
 * The desktop's link to a team workspace (docs/team.md "Connect the desktop"): the renderer cannot reach the
 * team server itself (its CSP allows its own origin, the server sends no CORS headers), so this instance
 * calls it with the person's token and relays its live events into the local stream, tagged with the
 * workspace. A replay is prepared by the workspace (copyReplayCommand, json) and sent from here to the
 * person's own localhost (sendRequest): the server never reaches into a laptop.
 */
import { randomUUID } from 'node:crypto';
import type {
  Attempt,
  ConnectWorkspaceArgs,
  HookscopeApi,
  HookscopeEvent,
  ReplayFromWorkspaceArgs,
  SendRequestArgs,
  SentRequestValue,
  WorkspaceInfo,
  WorkspaceRelayedEvent,
  WorkspaceState,
} from '../../../shared/api';
import type { EventBus } from '../events/event-bus';
import { HookscopeError } from '../../../shared/result';
import { createApiClient, type ApiConnection } from '../cli/api-client';
import { displayTarget, parseTarget } from '../forward/target-policy';
import type { Log } from '../logger';
import { workspaceError } from './workspace-error';
import type { WorkspaceFile, WorkspaceSettings } from './workspace-file';
import { openWorkspaceStream, STREAM_IDLE_MS, STREAM_OPEN_MS, type StreamPhase, type WorkspaceStream } from './workspace-stream';
import { parseWorkspaceUrl } from './workspace-url';

/** the workspace methods this instance calls on a person's behalf (the workspace checks their role) */
type ProxiedMethod = 'getStatus' | 'listDeliveries' | 'getTimeline' | 'getDelivery' | 'revealRaw' | 'copyReplayCommand';

const RELAYED = new Set<string>(['deliveriesAdded', 'deliveryUpdated', 'configChanged']);

export interface WorkspaceLinkDeps {
  file: WorkspaceFile;
  events: Pick<EventBus, 'emit'>;
  sendRequest(args: SendRequestArgs): Promise<SentRequestValue>;
  /** the forward.url of this instance's source with that id, if any */
  localForwardUrl(sourceId: string): string | null;
  audit(action: string, detail: Record<string, unknown>): void;
  log: Log;
  clock: { now(): number };
  /** tests may pass another transport; default: the local API client over HTTP(S) */
  connect?(url: string, token: string): ApiConnection;
}

export interface WorkspaceLink {
  info(): WorkspaceInfo;
  connect(args: ConnectWorkspaceArgs): Promise<WorkspaceInfo>;
  disconnect(): WorkspaceInfo;
  call<M extends ProxiedMethod>(method: M, args: Parameters<HookscopeApi[M]>[0]): ReturnType<HookscopeApi[M]>;
  replay(args: ReplayFromWorkspaceArgs): Promise<Attempt>;
  /** reconnects a workspace saved by an earlier run */
  start(): void;
  stop(): void;
}

interface Connected {
  settings: WorkspaceSettings;
  host: string;
  connection: ApiConnection;
  person: string | null;
  role: WorkspaceInfo['role'];
  stream: WorkspaceStream | null;
}

export function createWorkspaceLink(deps: WorkspaceLinkDeps): WorkspaceLink {
  const open = deps.connect ?? ((url: string, token: string) => createApiClient(url, token, { streamIdleMs: STREAM_IDLE_MS, streamOpenMs: STREAM_OPEN_MS }));
  let current: Connected | null = null;
  let state: WorkspaceState = 'off';
  let message = 'Not connected to a team workspace';

  function info(): WorkspaceInfo {
    return {
      state,
      message,
      url: current?.settings.url ?? null,
      name: current?.settings.name ?? null,
      person: current?.person ?? null,
      role: current?.role ?? null,
      replayTarget: current?.settings.replayTarget ?? null,
    };
  }

  function setState(next: WorkspaceState, text: string): void {
    if (next === state && text === message) return;
    state = next;
    message = text;
    deps.events.emit('workspaceChanged', info());
  }

  function who(c: Connected): string {
    return c.person ? `${c.person} (${c.role})` : `the owner's token (${c.role})`;
  }

  function onPhase(c: Connected, p: StreamPhase): void {
    if (current !== c) return;
    if (p.phase === 'online') setState('online', `Live: ${c.settings.name} as ${who(c)}`);
    else if (p.phase === 'refused') {
      setState('error', `${c.settings.name} refused the saved token (revoked?): connect again with a new personal token`);
      deps.log('warn', `workspace ${c.host}: the token was refused; the live stream stopped`);
    } else if (p.retryInMs !== null) setState('connecting', `${c.settings.name} is not reachable: retrying in ${Math.round(p.retryInMs / 1000)} s`);
    else if (state !== 'connecting') setState('connecting', `Connecting to ${c.settings.name}…`);
  }

  function relay(c: Connected, event: HookscopeEvent): void {
    if (current !== c || !RELAYED.has(event.type)) return;
    deps.events.emit('workspaceEvent', { workspace: c.settings.url, event: event as WorkspaceRelayedEvent });
  }

  function follow(c: Connected): void {
    c.stream = openWorkspaceStream(c.connection, (e) => relay(c, e), (p) => onPhase(c, p));
  }

  function drop(): void {
    current?.stream?.stop();
    current = null;
  }

  function requireConnected(): Connected {
    if (!current) throw new HookscopeError('workspace_not_connected', 'No team workspace is connected: connect one in Settings → Team workspace');
    return current;
  }

  async function call<M extends ProxiedMethod>(method: M, args: unknown): Promise<Awaited<ReturnType<HookscopeApi[M]>>> {
    const c = requireConnected();
    try {
      const fn = c.connection.api[method] as (a: unknown) => Promise<Awaited<ReturnType<HookscopeApi[M]>>>;
      return await fn(args);
    } catch (error) {
      const mapped = workspaceError(error, c.host);
      if (mapped.code === 'workspace_token_refused' && current === c) {
        c.stream?.stop();
        setState('error', `${c.settings.name} refused the saved token (revoked?): connect again with a new personal token`);
      }
      throw mapped;
    }
  }

  function checkReplayTarget(text: string, field: string): string {
    try {
      return parseTarget(text).toString();
    } catch (error) {
      const why = (error as Error).message.replace(/^target: /, '');
      throw new HookscopeError('invalid_argument', `${field}: ${why}`, [{ field: `args.${field}`, message: why }]);
    }
  }

  return {
    info,

    async connect(args) {
      const url = parseWorkspaceUrl(args.url);
      const replayTarget = args.replayTarget ? checkReplayTarget(args.replayTarget, 'replayTarget') : null;
      const host = new URL(url).host;
      const connection = open(url, args.token);
      let identity;
      try {
        identity = await connection.api.whoami({});
      } catch (error) {
        const mapped = workspaceError(error, host);
        if (mapped.code === 'unknown_method') {
          throw new HookscopeError('workspace_unreachable', `url: the Hookscope at ${host} is older than this one: update the team server, then connect again`);
        }
        throw mapped;
      }
      const settings: WorkspaceSettings = { url, name: args.name?.trim() || host, replayTarget, token: args.token };
      deps.file.save(settings);
      drop();
      const c: Connected = { settings, host, connection, person: identity.name, role: identity.role, stream: null };
      current = c;
      deps.audit('workspace_connected', { host, person: identity.name, role: identity.role });
      deps.log('info', `workspace ${host}: connected as ${who(c)}`);
      state = 'off';
      setState('connecting', `Connecting to ${settings.name}…`);
      follow(c);
      return info();
    },

    disconnect() {
      const was = current;
      drop();
      deps.file.remove();
      if (was) {
        deps.audit('workspace_disconnected', { host: was.host });
        deps.log('info', `workspace ${was.host}: disconnected`);
      }
      setState('off', 'Not connected to a team workspace');
      return info();
    },

    call: call as WorkspaceLink['call'],

    async replay(args) {
      const c = requireConnected();
      let target = args.target ? checkReplayTarget(args.target, 'target') : c.settings.replayTarget;
      if (!target) {
        const delivery = await call('getDelivery', { id: args.id });
        target = delivery.sourceId ? deps.localForwardUrl(delivery.sourceId) : null;
        if (!target) {
          const message = `give where the replay goes on this machine (e.g. http://localhost:3000/webhooks), or set a replay target for the workspace, or a forward URL on a local source "${delivery.sourceId ?? ''}"`;
          throw new HookscopeError('no_forward_target', `target: ${message}`, [{ field: 'args.target', message }]);
        }
      }
      const { text, mode } = await call('copyReplayCommand', {
        id: args.id,
        format: 'json',
        target,
        ...(args.mode ? { mode: args.mode } : {}),
        ...(args.body !== undefined ? { body: args.body } : {}),
        ...(args.newMessageId ? { newMessageId: true } : {}),
      });
      const prepared = JSON.parse(text) as SendRequestArgs;
      const at = new Date(deps.clock.now()).toISOString();
      const sent = await deps.sendRequest({ url: prepared.url, method: prepared.method, headers: prepared.headers, body: prepared.body });
      // not stored (the delivery lives in the workspace); the local audit log has request_sent
      return {
        id: `wsr_${randomUUID()}`,
        at,
        target: displayTarget(new URL(prepared.url)),
        mode,
        status: sent.status,
        durationMs: sent.durationMs,
        headersMs: null,
        error: sent.error,
        responseHeaders: sent.responseHeaders,
        responseBody: sent.responseBody,
        request: null,
      };
    },

    start() {
      const { settings, problem } = deps.file.load();
      if (problem) {
        setState('error', problem);
        return;
      }
      if (!settings) return;
      const host = new URL(settings.url).host;
      const c: Connected = { settings, host, connection: open(settings.url, settings.token), person: null, role: null, stream: null };
      current = c;
      setState('connecting', `Connecting to ${settings.name}…`);
      // who the token belongs to may have changed since (a new role, a revoked token)
      c.connection.api.whoami({}).then(
        (identity) => {
          if (current !== c) return;
          c.person = identity.name;
          c.role = identity.role;
          if (state === 'online') setState('online', `Live: ${settings.name} as ${who(c)}`);
          else deps.events.emit('workspaceChanged', info());
        },
        (error: unknown) => {
          if (current === c && workspaceError(error, host).code === 'workspace_token_refused') onPhase(c, { phase: 'refused' });
        },
      );
      follow(c);
    },

    stop() {
      drop();
    },
  };
}
