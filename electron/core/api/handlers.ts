/** The handler table: HookscopeApi implemented over the core's parts; transport-agnostic. */
import type {
  Attempt,
  ChaosValue,
  ReplayDeliveryArgs,
  ReplayQueryArgs,
  CopyReplayCommandArgs,
  SendRequestArgs,
  SentRequestValue,
  HookscopeApi,
  ReadinessItem,
  SendTestEventArgs,
  SecurityValue,
  SourceStatus,
  TunnelStatus,
  VerifyRequestArgs,
  VerifyRequestValue,
  WhoamiValue,
} from '../../../shared/api';
import { HookscopeError } from '../../../shared/result';
import { isChaos } from '../forward/chaos';
import { withArrivals, withRetryChain } from './retry-arrivals';
import { listPresetInfo } from '../../../shared/verify/presets/index';
import type { ConfigService } from '../config/config-service';
import { ConfigError } from '../config/load-config';
import type { TestEventArgs } from '../forward/test-events';
import type { DeliveryStore } from '../store/types';
import type { WorkspaceLink } from '../workspace/workspace-link';

export interface HandlerDeps {
  version: string;
  dataDir: string;
  /** the desktop log file, when there is one */
  logFile?: string | null;
  config: ConfigService;
  store: DeliveryStore;
  receiverUrl(): string;
  tunnel: { status(): TunnelStatus; setEnabled(enabled: boolean): Promise<TunnelStatus> };
  security: { snapshot(): SecurityValue };
  readiness(sourceId: string): Promise<ReadinessItem[]>;
  replay(args: { id: string; target?: string; mode?: 'original' | 'resign'; body?: string }): Promise<Attempt>;
  chaosReplay(args: ReplayDeliveryArgs): Promise<Attempt & ChaosValue>;
  replayQuery(args: ReplayQueryArgs): Promise<ChaosValue>;
  copyReplayCommand(args: CopyReplayCommandArgs): Promise<{ text: string; mode: 'original' | 'resign' }>;
  sendRequest(args: SendRequestArgs): Promise<SentRequestValue>;
  sendTestEvent(args: TestEventArgs): Promise<{ deliveryId: string }>;
  exportDeliveries(ids: string[], format: 'har' | 'curl' | 'json'): { text: string } | Promise<{ text: string }>;
  verifyRequest(args: VerifyRequestArgs): Promise<VerifyRequestValue>;
  /** the caller (read from the dispatcher's actor context) */
  whoami(): WhoamiValue;
  workspace: WorkspaceLink;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** how long a list or timeline call lets the derived view catch up (awaited: the event loop keeps serving) */
const READ_SETTLE_MS = 1_000;

function notFound(id: string): HookscopeError {
  return new HookscopeError('not_found', `No delivery with id ${id}: it may have been erased or purged by retention`);
}

/** The body a test event is built from instead of the preset's sample: given text, or a captured raw body. */
async function templateOf(deps: HandlerDeps, args: SendTestEventArgs): Promise<TestEventArgs['template']> {
  if (args.body !== undefined) return { body: new TextEncoder().encode(args.body), eventType: null };
  if (args.fromDeliveryId === undefined) return undefined;
  const summary = await deps.store.summary(args.fromDeliveryId);
  if (!summary) throw notFound(args.fromDeliveryId);
  const raw = await deps.store.revealRaw(args.fromDeliveryId);
  if (!raw) throw new HookscopeError('raw_purged', `fromDeliveryId: the raw body of ${args.fromDeliveryId} was purged by retention (retention.rawBodyDays): send a --body file instead`);
  return { body: raw, eventType: summary.eventType };
}

function requireSource(deps: HandlerDeps, sourceId: string): void {
  if (!deps.config.current().sources.some((s) => s.id === sourceId)) {
    throw new HookscopeError('not_found', `No source with id "${sourceId}": add it in Settings first`);
  }
}

export function createHandlers(deps: HandlerDeps): HookscopeApi {
  const publicBase = (): string | null => {
    const t = deps.tunnel.status();
    return t.state === 'online' ? t.url : null;
  };

  return {
    async getStatus() {
      const counts = await deps.store.countsBySource();
      const base = deps.receiverUrl();
      const pub = publicBase();
      const sources: SourceStatus[] = deps.config.current().sources.map((s) => ({
        id: s.id,
        name: s.name ?? s.id,
        provider: s.provider ?? null,
        environment: s.environment,
        localUrl: `${base}/hooks/${s.id}`,
        publicUrl: pub ? `${pub}/hooks/${s.id}` : null,
        counts: counts[s.id] ?? { total: 0, verified: 0, rejected: 0 },
      }));
      const deriver = deps.store.derivesOffThread === undefined ? {} : { deriver: deps.store.derivesOffThread ? ('worker' as const) : ('main thread' as const) };
      // the server's own file paths are admin information (a team's viewers and members get null)
      const admin = deps.whoami().role === 'admin';
      const paths = admin ? { dataDir: deps.dataDir, logFile: deps.logFile ?? null } : { dataDir: null, logFile: null };
      return { receiverUrl: base, tunnel: deps.tunnel.status(), sources, version: deps.version, ...paths, ...deriver };
    },
    async listDeliveries(args) {
      await deps.store.settleReads?.(READ_SETTLE_MS);
      const page = await deps.store.list(args);
      return { ...page, items: await withArrivals(deps.store, page.items) };
    },
    async getTimeline(args) {
      await deps.store.settleReads?.(READ_SETTLE_MS);
      return deps.store.timeline(args);
    },
    async getDelivery({ id }) {
      const d = await deps.store.get(id);
      if (!d) throw notFound(id);
      return withRetryChain(deps.store, d);
    },
    async replayDelivery(args) {
      if (!(await deps.store.summary(args.id))) throw notFound(args.id);
      return isChaos(args) ? deps.chaosReplay(args) : deps.replay(args);
    },
    async replayQuery(args) {
      return deps.replayQuery(args);
    },
    async sendRequest(args) {
      return deps.sendRequest(args);
    },
    async copyReplayCommand(args) {
      if (!(await deps.store.summary(args.id))) throw notFound(args.id);
      return deps.copyReplayCommand(args);
    },
    async sendTestEvent(args) {
      requireSource(deps, args.sourceId);
      return deps.sendTestEvent({ sourceId: args.sourceId, kind: args.kind, eventType: args.eventType, template: await templateOf(deps, args) });
    },
    async revealRaw({ id }) {
      if (!(await deps.store.summary(id))) throw notFound(id);
      const raw = await deps.store.revealRaw(id);
      if (!raw) throw new HookscopeError('raw_purged', 'The raw body of this delivery was purged by retention (retention.rawBodyDays)');
      try {
        return { body: utf8.decode(raw), encoding: 'utf8' as const };
      } catch {
        return { body: Buffer.from(raw).toString('base64'), encoding: 'base64' as const };
      }
    },
    async eraseByValue({ value }) {
      return { deleted: await deps.store.eraseByValue(value) };
    },
    async getConfig() {
      return deps.config.view();
    },
    async updateConfig({ config }) {
      try {
        const view = deps.config.update(config);
        // team mode: answered once the team database holds it (and the other replicas are told)
        await deps.config.saved();
        return view;
      } catch (error) {
        if (error instanceof ConfigError) {
          const issues = error.issues.map((i) => ({ field: `config.${i.field}`, message: i.message }));
          const first = issues[0];
          throw new HookscopeError('invalid_argument', first ? `${first.field}: ${first.message}` : error.message, issues);
        }
        throw error;
      }
    },
    async addSecret(args) {
      requireSource(deps, args.sourceId);
      const info = deps.config.addSecret(args);
      await deps.config.saved();
      return info;
    },
    async removeSecret({ sourceId, ref }) {
      requireSource(deps, sourceId);
      const removed = deps.config.removeSecret(sourceId, ref);
      await deps.config.saved();
      return { removed };
    },
    async exportDeliveries({ ids, format }) {
      const text = await deps.exportDeliveries(ids, format);
      await deps.store.audit('export', null, { count: ids.length, format });
      return text;
    },
    async listAudit({ limit }) {
      return { items: await deps.store.listAudit(limit ?? 100) };
    },
    async getSecurity() {
      return deps.security.snapshot();
    },
    async getReadiness({ sourceId }) {
      requireSource(deps, sourceId);
      return { items: await deps.readiness(sourceId) };
    },
    async listPresets() {
      return { items: listPresetInfo() };
    },
    async setTunnel({ enabled }) {
      return deps.tunnel.setEnabled(enabled);
    },
    async verifyRequest(args) {
      requireSource(deps, args.sourceId);
      return deps.verifyRequest(args);
    },
    async whoami() {
      return deps.whoami();
    },
    async connectWorkspace(args) {
      return deps.workspace.connect(args);
    },
    async disconnectWorkspace() {
      return deps.workspace.disconnect();
    },
    async getWorkspace() {
      return deps.workspace.info();
    },
    async getWorkspaceStatus(args) {
      return deps.workspace.call('getStatus', args);
    },
    async listWorkspaceDeliveries(args) {
      return deps.workspace.call('listDeliveries', args);
    },
    async getWorkspaceTimeline(args) {
      return deps.workspace.call('getTimeline', args);
    },
    async getWorkspaceDelivery(args) {
      return deps.workspace.call('getDelivery', args);
    },
    async revealWorkspaceRaw(args) {
      return deps.workspace.call('revealRaw', args);
    },
    async replayFromWorkspace(args) {
      return deps.workspace.replay(args);
    },
  };
}
