/**
 * The composition root: config, store, receiver, chain, forwarder, tunnel, security monitor and
 * the API handler table, wired together. Plain Node — the same core runs headless, in tests, in
 * web mode and inside Electron's main process.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { HookscopeApi, HookscopeEvent, TunnelStatus } from '../../shared/api';
import { createRedactor, type Redactor } from '../../shared/redact';
import { createRateLimiter } from '../../shared/verify/rate-limiter';
import { explainChecks } from './derive/explain-checks';
import { createHandlers } from './api/handlers';
import { withArrivals } from './api/retry-arrivals';
import { createConfigService, loadInitialConfig } from './config/config-service';
import type { Fingerprinter } from './config/secret-ref';
import { nodeCryptoPort } from './crypto/node-crypto-port';
import { createEventBus } from './events/event-bus';
import { createLogger, type Log } from './logger';
import { createReceiver, type ReceiverTimeouts } from './receiver/receiver';
import { createResponder } from './ingest/respond';
import { createRelayAnswerer } from './ingest/relay-answer';
import { createStore, createRetentionScheduler, newDeliveryId } from './store/index';
import { createSecurityMonitor } from './security/monitor';
import { createRelay } from './forward/relay';
import { createTunnel, type TunnelMode } from './tunnel/create-tunnel';
import { createTunnelTrust } from './tunnel/tunnel-trust';
import type { TunnelProvider } from './tunnel/types';
import { chooseStore } from './store/store-url';
import { openTeamConfig } from './config/team-config';
import type { StorageAdapter } from './store/contract';
import { principalForToken } from './api/api-tokens';
import type { Principal } from './api/roles';
import { readVersion } from './version';
import { verifyRequest } from './verify-request/verify-request';
import { currentActor, currentRole } from './actor';
import { createWorkspaceFile } from './workspace/workspace-file';
import { createWorkspaceLink } from './workspace/workspace-link';
import { capYoungGeneration } from './young-generation';

export interface Keystore {
  load(): Buffer | null;
  save(key: Buffer): void;
}

export interface CoreOptions {
  dataDir: string;
  /** a config file given by the user (must exist); default <dataDir>/config.json */
  configPath?: string | null;
  /** `--store postgres://…`: overrides the config's store.url */
  storeUrl?: string | null;
  receiverPort?: number;
  receiverHost?: string;
  /** real ngrok, the fake provider (tests), or no tunnel at all */
  tunnel?: TunnelMode;
  /** force the tunnel on/off at start, whatever the config says */
  tunnelEnabled?: boolean;
  keystore?: Keystore;
  env?: NodeJS.ProcessEnv;
  clock?: { now(): number };
  log?: Log;
  version?: string;
  receiverTimeouts?: ReceiverTimeouts;
  /** the log file `log` also writes to (shown in Settings), if any */
  logFile?: string | null;
  /** tests: a provider of their own (e.g. a fake whose calls they inspect) */
  tunnelProvider?: TunnelProvider;
}

export interface Core {
  api: HookscopeApi;
  events: { subscribe(listener: (e: HookscopeEvent) => void): () => void };
  receiverUrl: string;
  /** resolves when the tunnel settled after start (online or error); immediately when off */
  tunnelReady: Promise<void>;
  /** the tunnel's state now (getStatus also counts every source's deliveries: a scan at start on a big store) */
  tunnelStatus(): TunnelStatus;
  /** team mode (a PostgreSQL store): the person behind a personal API token; null in single-user mode */
  people: ((token: string) => Promise<Principal | null>) | null;
  dispose(): Promise<void>;
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  const env = opts.env ?? process.env;
  const clock = opts.clock ?? { now: () => Date.now() };
  const log = opts.log ?? createLogger();
  // Validate the config before anything is created: a bad config starts nothing.
  const configPath = opts.configPath ?? join(opts.dataDir, 'config.json');
  const fromFile = loadInitialConfig(configPath, Boolean(opts.configPath));
  const choice = chooseStore(opts.storeUrl, fromFile.store.url, env);
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  // before the store starts its threads: they begin at their young generation's limit
  capYoungGeneration();
  const receiverHost = opts.receiverHost ?? fromFile.receiver.host;
  const receiverPort = opts.receiverPort ?? fromFile.receiver.port;

  // the PostgreSQL driver is loaded only in team mode: the embedded store starts without it
  const pg =
    choice.engine === 'postgres'
      ? { ...(await import('./store/postgres/store')), ...(await import('./store/postgres/api-token-table')), ...(await import('./store/postgres/team-config-table')) }
      : null;
  const team = pg && choice.engine === 'postgres' ? await pg.createPostgresStore({ url: choice.url, config: fromFile, env, clock, onError: (message) => log('warn', message) }) : null;
  const store: StorageAdapter = team ?? createStore({ dataDir: opts.dataDir, config: fromFile, keystore: opts.keystore, env, clock });
  // team mode: the shared sections of the config live in the team database (config/team-config.ts)
  const teamConfig =
    team && pg
      ? await openTeamConfig({ ...pg.createPgTeamConfig(team.parts.pool), onChanged: (l) => team.parts.onConfigChanged(l) }, fromFile, store, clock).catch(async (error: unknown) => {
          await store.close();
          throw error;
        })
      : null;
  const initial = teamConfig?.initial ?? fromFile;
  // team mode: each person calls the API with their own token (hookscope token create), looked up in the shared database
  const tokens = team && pg ? pg.createPgTokenTable(team.parts.pool) : null;
  /** audit entries written from synchronous callers: a failed write is logged, never thrown at them */
  const auditQuietly = (action: string, subject: string | null, detail: Record<string, unknown>): void => {
    Promise.resolve()
      .then(() => store.audit(action, subject, detail))
      .catch((error: unknown) => log('error', `could not write the audit entry "${action}" (${(error as Error).name})`));
  };
  // secret fingerprints are keyed by the data key: useless for offline guessing without it
  const fingerprint: Fingerprinter = (value) => store.fingerprint(value);
  const config = createConfigService(initial, {
    path: configPath,
    required: Boolean(opts.configPath),
    env,
    clock,
    audit: auditQuietly,
    fingerprint,
    persist: teamConfig ? (next) => teamConfig.persist(next) : undefined,
  });
  config.setSealer(store);
  const unfollowTeamConfig = teamConfig?.follow(config, (message) => log('warn', message)) ?? (() => undefined);
  // the configured secrets can be resolved now (sealed ones need the data key): the store masks their values
  store.updateConfig({ ...initial, redaction: config.redaction() });

  const events = createEventBus((e) => log('warn', `event listener failed: ${e.name}`));
  const security = createSecurityMonitor({ clock, onAlert: (alert) => events.emit('alertRaised', alert) });

  let relay: ReturnType<typeof createRelay> | null = null;
  const onAttemptRecorded = (deliveryId: string) => {
    void (async () => {
      const item = await store.summary(deliveryId);
      if (item) events.emit('deliveryUpdated', { item: (await withArrivals(store, [item]))[0] });
    })().catch((error: unknown) => log('warn', `could not read delivery ${deliveryId} for a live update (${(error as Error).name})`));
  };
  const responder = createResponder({
    relay: createRelayAnswerer({
      store,
      clock,
      crypto: nodeCryptoPort,
      allowRemoteTargets: () => config.current().replay.allowRemoteTargets,
      onUpdated: onAttemptRecorded,
      log,
    }),
  });
  const tunnelTrust = createTunnelTrust();
  const receiver = createReceiver({
    config,
    store,
    crypto: nodeCryptoPort,
    rateLimiter: createRateLimiter(),
    clock,
    newId: newDeliveryId,
    publicBaseUrl: () => tunnel.publicUrl(),
    tunnelTrust,
    onForwardQueued: () => relay?.kick(),
    log,
    timeouts: opts.receiverTimeouts,
    respond: responder,
  });
  try {
    await receiver.listen(receiverHost, receiverPort);
  } catch (error) {
    responder.close();
    await receiver.close();
    await store.close();
    throw error;
  }

  const tunnel = createTunnel({
    mode: opts.tunnel ?? 'real',
    forwardTo: () => receiver.forwardAddress(),
    trust: tunnelTrust,
    provider: opts.tunnelProvider,
    authtoken: () => config.tunnelAuthtoken(),
    domain: () => config.current().tunnel.domain,
    onStatus: (status) => events.emit('tunnelStatusChanged', status),
    audit: (action, detail) => auditQuietly(action, null, detail),
    log,
  });

  relay = createRelay({
    store,
    config,
    clock,
    crypto: nodeCryptoPort,
    receiverUrl: () => receiver.localUrl(),
    onUpdated: onAttemptRecorded,
    log,
  });

  // Counters survive a restart: the recent history seeds the windows (no alerts raised for it).
  security.seed((await store.list({ limit: 500 })).items);
  const unsubscribeCommitted = store.onCommitted((items) => {
    security.record(items);
    // the outbox reads derived rows: forward what this batch queued now, not at the next poll
    if (items.some((i) => i.forward !== null)) relay?.kick();
    // a new delivery can only be a later arrival of an event id, never a first with followers yet
    if (!items.some((i) => i.duplicateOf !== null)) {
      events.emit('deliveriesAdded', { items });
      return;
    }
    withArrivals(store, items).then(
      (withRetry) => events.emit('deliveriesAdded', { items: withRetry }),
      () => events.emit('deliveriesAdded', { items }),
    );
  });
  let tunnelSettings = JSON.stringify([initial.tunnel.authtoken, initial.tunnel.domain]);
  const unsubscribeConfig = config.onChange((next) => {
    store.updateConfig({ ...next, redaction: config.redaction() });
    events.emit('configChanged', {});
    // A new authtoken or domain takes effect at once on a running tunnel.
    const settings = JSON.stringify([next.tunnel.authtoken, next.tunnel.domain]);
    if (settings !== tunnelSettings) {
      tunnelSettings = settings;
      if (tunnel.status().state !== 'off') void tunnel.restart();
    }
  });
  const retention = createRetentionScheduler(store, clock, { onError: (error) => log('error', `retention purge failed (${(error as Error).name}): it will be retried`) });

  // the redactor for prose rebuilt on read follows the config
  let proseRedactor: { rules: unknown; redactor: Redactor } | null = null;
  const currentRedactor = (): Redactor => {
    const rules = config.redaction();
    if (proseRedactor?.rules !== rules) proseRedactor = { rules, redactor: createRedactor(rules) };
    return proseRedactor.redactor;
  };

  store.setExplainer((detail, rawRequest) =>
    explainChecks(detail, {
        chainSource: (id) => config.chainSource(id),
        otherSecrets: (id) => config.otherSecrets(id),
        sourceIds: () => config.current().sources.map((s) => s.id),
        rawRequest,
        crypto: nodeCryptoPort,
        redactor: currentRedactor,
        localBaseUrl: () => receiver.localUrl(),
      }));

  const workspace = createWorkspaceLink({
    file: createWorkspaceFile(opts.dataDir, store),
    events,
    sendRequest: (args) => relay!.sendRequest(args),
    localForwardUrl: (sourceId) => config.current().sources.find((s) => s.id === sourceId)?.forward?.url ?? null,
    audit: (action, detail) => auditQuietly(action, null, detail),
    log,
    clock,
  });

  const api = createHandlers({
    version: opts.version ?? readVersion(),
    dataDir: opts.dataDir,
    logFile: opts.logFile ?? null,
    config,
    store,
    receiverUrl: () => receiver.localUrl(),
    tunnel: {
      status: () => tunnel.status(),
      setEnabled: async (enabled) => {
        const cfg = config.current();
        config.update({ ...cfg, tunnel: { ...cfg.tunnel, enabled } });
        return enabled ? tunnel.start() : tunnel.stop();
      },
    },
    security,
    // the providers' checklists load with the first readiness call, not at every start
    readiness: async (sourceId) => (await import('./readiness/build-readiness')).buildReadiness({ sourceId, config, store, tunnel: tunnel.status(), env, opener: store, fingerprint, clock }),
    replay: (args) => relay!.replay(args),
    chaosReplay: (args) => relay!.chaosReplay(args),
    replayQuery: (args) => relay!.replayQuery(args),
    copyReplayCommand: (args) => relay!.copyReplayCommand(args),
    sendRequest: (args) => relay!.sendRequest(args),
    sendTestEvent: (args) => relay!.sendTestEvent(args),
    exportDeliveries: (ids, format) => relay!.exportDeliveries(ids, format),
    verifyRequest: async (args) => {
      // the stored request is read before the (synchronous) check run
      const summary = args.deliveryId !== undefined ? await store.summary(args.deliveryId) : null;
      const raw = args.deliveryId !== undefined && summary ? await store.rawRequest(args.deliveryId) : null;
      return verifyRequest(args, {
        chainSource: (id) => config.chainSource(id),
        otherSecrets: (id) => config.otherSecrets(id),
        rawRequest: () => raw,
        captured: () => (summary ? { method: summary.method, receivedAt: Date.parse(summary.receivedAt) } : null),
        crypto: nodeCryptoPort,
        redactor: currentRedactor,
        localBaseUrl: () => receiver.localUrl(),
        clock,
      });
    },
    whoami: () => ({ name: currentActor(), role: currentRole(), team: tokens !== null }),
    workspace,
  });

  relay.start();
  workspace.start();
  const wantTunnel = opts.tunnel !== 'off' && (opts.tunnelEnabled ?? initial.tunnel.enabled);
  const tunnelReady = wantTunnel ? tunnel.start().then(() => undefined) : Promise.resolve();

  let disposed: Promise<void> | null = null;
  return {
    api,
    events,
    receiverUrl: receiver.localUrl(),
    tunnelReady,
    tunnelStatus: () => tunnel.status(),
    people: tokens ? (token) => principalForToken(tokens, token) : null,
    dispose() {
      disposed ??= (async () => {
        retention.stop();
        workspace.stop();
        await tunnel.stop();
        // held answers (respond modes status/timeout) go out now, so closing does not wait for them
        responder.close();
        await receiver.close();
        await relay!.stop();
        unsubscribeCommitted();
        unsubscribeConfig();
        unfollowTeamConfig();
        await store.close();
      })();
      return disposed;
    },
  };
}
