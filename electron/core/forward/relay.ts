/**
 * The forward layer wired for the core: the auto-forward outbox, replay, test events and export,
 * sharing one HTTP sender and reading sources and replay policy from the live config.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import type { Attempt, ChaosValue, CopyReplayCommandArgs, ReplayDeliveryArgs, ReplayQueryArgs, SendRequestArgs, SentRequestValue } from '../../../shared/api';
import { createRedactor } from '../../../shared/redact';
import type { Clock, CryptoPort } from '../../../shared/verify/ports';
import type { ConfigService } from '../config/config-service';
import type { Log } from '../logger';
import type { DeliveryStore } from '../store/types';
import { copyReplayCommand } from './copy-command';
import { sendPreparedRequest } from './send-request';
import { chaosReplayDelivery, MAX_CHAOS_CONCURRENCY, replayQuery, type ChaosDeps } from './chaos';
import { exportDeliveries, type ExportFormat } from './export';
import { createHttpSender, type Sender } from './http-sender';
import { createForwarder } from './outbox';
import { replayDelivery, type ReplayArgs } from './replay';
import type { Scheduler } from './scheduler';
import type { LookupFn } from './target-policy';
import type { TestEventArgs } from './test-events';

export interface RelayDeps {
  store: DeliveryStore;
  config: Pick<ConfigService, 'current' | 'chainSource' | 'redaction'>;
  clock: Clock;
  crypto: CryptoPort;
  /** the receiver's local base URL, e.g. http://127.0.0.1:8787 */
  receiverUrl(): string;
  /** after every recorded attempt (auto or replay): push deliveryUpdated */
  onUpdated(deliveryId: string): void;
  log: Log;
  /** test seams */
  sender?: Sender;
  lookup?: LookupFn;
  scheduler?: Scheduler;
}

export interface Relay {
  start(): void;
  stop(): Promise<void>;
  /** look for due forwards now (call after a delivery queued for forwarding is committed) */
  kick(): void;
  replay(args: ReplayArgs): Promise<Attempt>;
  /** replayDelivery with chaos options: copies, concurrency, spacing, probe; plus the idempotency report */
  chaosReplay(args: ReplayDeliveryArgs): Promise<Attempt & ChaosValue>;
  replayQuery(args: ReplayQueryArgs): Promise<ChaosValue>;
  copyReplayCommand(args: CopyReplayCommandArgs): Promise<{ text: string; mode: 'original' | 'resign' }>;
  sendRequest(args: SendRequestArgs): Promise<SentRequestValue>;
  sendTestEvent(args: TestEventArgs): Promise<{ deliveryId: string }>;
  exportDeliveries(ids: string[], format: ExportFormat): Promise<{ text: string }>;
}

export function createRelay(deps: RelayDeps): Relay {
  const ownSender = !deps.sender;
  // chaos replays put up to MAX_CHAOS_CONCURRENCY copies on the wire at once
  const sender = deps.sender ?? createHttpSender({ maxSockets: MAX_CHAOS_CONCURRENCY });
  const lookup: LookupFn = deps.lookup ?? ((host, options) => dnsLookup(host, options));
  const getSource = (id: string) => deps.config.chainSource(id);
  const allowRemoteTargets = () => deps.config.current().replay.allowRemoteTargets;

  const forwarder = createForwarder({
    store: deps.store,
    clock: deps.clock,
    sender,
    crypto: deps.crypto,
    getSource,
    onUpdated: deps.onUpdated,
    allowRemoteTargets,
    lookup,
    ...(deps.scheduler ? { scheduler: deps.scheduler } : {}),
    orderedSources: () => deps.config.current().sources.filter((s) => s.forward?.ordered).map((s) => s.id),
    // one line when the store starts failing and one when it recovers, never one per try
    onError: (error, retryInMs) =>
      deps.log(
        'error',
        `Forwarding outbox paused: the store cannot record attempts (${error instanceof Error ? error.name : 'error'}: ${errorText(error)}); retrying with backoff from ${Math.round(retryInMs / 1000)} s. Free disk space in the data directory if it is full`,
      ),
    onRecovered: (failedTries) => deps.log('info', `Forwarding outbox resumed: the store records attempts again (after ${failedTries} failed tries)`),
  });

  const replay = (args: ReplayArgs) =>
    replayDelivery(
      { store: deps.store, clock: deps.clock, sender, crypto: deps.crypto, getSource, allowRemoteTargets, lookup, onUpdated: deps.onUpdated },
      args,
    );
  const chaos: ChaosDeps = {
    store: deps.store,
    replay,
    getSource,
    sender,
    lookup,
    redactJson: (text) => createRedactor(deps.config.redaction()).json(text),
  };

  return {
    start: () => forwarder.start(),
    async stop() {
      await forwarder.stop();
      if (ownSender) sender.close();
    },
    kick: () => forwarder.kick(),
    replay,
    chaosReplay: (args) => chaosReplayDelivery(chaos, args),
    replayQuery: (args) => replayQuery(chaos, args),
    sendRequest: (args) =>
      sendPreparedRequest({ sender, allowRemoteTargets, lookup, redactor: () => createRedactor(deps.config.current().redaction), audit: (a, s, d) => deps.store.audit(a, s, d) }, args),
    copyReplayCommand: (args) =>
      copyReplayCommand({ store: deps.store, clock: deps.clock, crypto: deps.crypto, getSource, allowRemoteTargets, lookup }, args),
    // the sample events load with the first test event, not at every start
    sendTestEvent: async (args) =>
      (await import('./test-events')).sendTestEvent({ getSource, clock: deps.clock, crypto: deps.crypto, sender, receiverUrl: deps.receiverUrl, lookup }, args),
    exportDeliveries: (ids, format) => exportDeliveries(deps.store, ids, format),
  };
}

function errorText(error: unknown): string {
  // store errors carry no payload values; keep the line short anyway
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
