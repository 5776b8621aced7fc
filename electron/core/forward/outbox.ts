/**
 * Auto-forward (docs/architecture.md "Forwarding and replay"): a durable outbox in the store, drained at least once. State lives only in the
 * store (due time, attempt count, first attempt), so a restart picks up where it left off.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ForwardState } from '../../../shared/api';
import { HookscopeError } from '../../../shared/result';
import type { Clock, CryptoPort } from '../../../shared/verify/ports';
import type { ChainSource } from '../../../shared/verify/types';
import type { DeliveryStore, DueForward, NewAttempt, SentRequestRaw } from '../store/types';
import { newAttemptId } from './attempt-id';
import { afterFailure } from './backoff';
import { DEFAULT_TIMEOUT_MS, type Sender, type SendResult } from './http-sender';
import { prepareOriginal, prepareResigned, type PreparedRequest, queryOf, sentRequest } from './prepare-request';
import { systemScheduler, type Scheduler } from './scheduler';
import { createStoreTrouble } from './store-trouble';
import { checkTarget, displayTarget, type LookupFn, type ResolvedTarget } from './target-policy';

export const MAX_CONCURRENCY = 4;
const PREFETCH = 32;
/** a record refused with storage_busy (a lock held a moment by another connection) is tried again this often… */
export const BUSY_RECORD_TRIES = 40;
/** …this far apart, in real time (a lock clears in real time, not on the outbox's clock) */
export const BUSY_RECORD_WAIT_MS = 50;

export interface ForwarderDeps {
  store: DeliveryStore;
  clock: Clock;
  sender: Sender;
  crypto: CryptoPort;
  /** the source as configured now, secrets resolved; null when it no longer exists */
  getSource(sourceId: string): ChainSource | null;
  /** called after every recorded attempt, so the UI can be told (deliveryUpdated) */
  onUpdated?(deliveryId: string): void;
  /** replay.allowRemoteTargets of the current config; default false */
  allowRemoteTargets?(): boolean;
  lookup?: LookupFn;
  scheduler?: Scheduler;
  /** how often to look for due retries; default 1000 ms */
  pollMs?: number;
  /** parallel sends, 1..4; default 4 */
  concurrency?: number;
  /** ids of sources with forward.ordered (one in flight, receipt order); default none */
  orderedSources?(): string[];
  /** the store failed (cannot record or read the outbox): called once when the trouble starts, not per try */
  onError?(error: unknown, retryInMs: number): void;
  /** the store works again after `failedTries` failed tries */
  onRecovered?(failedTries: number): void;
}

export interface Forwarder {
  start(): void;
  /** stops polling and waits for the sends in flight to be recorded */
  stop(): Promise<void>;
  /** look for due work now (call after each commit) */
  kick(): void;
  /** resolves once nothing is in flight and nothing is due at the clock's current time */
  settled(): Promise<void>;
}

interface Outcome {
  attempt: Omit<NewAttempt, 'id' | 'at' | 'mode'>;
  forward: { state: ForwardState; nextAttemptAt: number | null };
  sent: SentRequestRaw | null;
}

export function createForwarder(deps: ForwarderDeps): Forwarder {
  const { store, clock } = deps;
  const scheduler = deps.scheduler ?? systemScheduler;
  const pollMs = deps.pollMs ?? 1000;
  const concurrency = Math.min(MAX_CONCURRENCY, Math.max(1, deps.concurrency ?? MAX_CONCURRENCY));
  const lookup: LookupFn = deps.lookup ?? ((host, options) => dnsLookup(host, options));
  const orderedSources = deps.orderedSources ?? (() => []);
  const trouble = createStoreTrouble();

  const inflight = new Map<string, Promise<void>>();
  /** due rows fetched but not yet sent (one query serves several sends) */
  let queue: DueForward[] = [];
  let running = false;
  let timer: unknown = null;
  let lastPollEmpty = false;
  /** a networked store's due rows are on their way: pump again when they arrive */
  let fetching = false;
  let waiters: Array<() => void> = [];
  /** outcomes of sends the store could not record yet: recorded at the row's next turn, never sent again */
  const unrecorded = new Map<string, Outcome & { attempt: NewAttempt }>();

  function arm(): void {
    if (timer !== null) scheduler.clearTimeout(timer);
    const paused = trouble.pausedFor(clock.now());
    timer = running ? scheduler.setTimeout(onTimer, paused > 0 ? paused : pollMs) : null;
  }

  function storeFailed(error: unknown): void {
    const now = clock.now();
    if (trouble.failed(now)) quietly(() => deps.onError?.(error, trouble.pausedFor(now)));
  }

  function storeWorked(): void {
    const failedTries = trouble.succeeded();
    if (failedTries > 0) quietly(() => deps.onRecovered?.(failedTries));
  }

  function onTimer(): void {
    timer = null;
    pump();
  }

  function pump(): void {
    if (fetching) return;
    if (!running) {
      queue = [];
      lastPollEmpty = true;
      notifyIfSettled();
      return;
    }
    try {
      // while the store cannot record attempts, sending would only repeat the same requests
      while (inflight.size < concurrency && trouble.pausedFor(clock.now()) === 0) {
        if (queue.length === 0) {
          // the ones in flight are still due until their attempt is recorded: ask for that many more
          const due = store.dueForwards(clock.now(), PREFETCH + inflight.size, orderedSources());
          if (due instanceof Promise) {
            fetching = true;
            lastPollEmpty = false;
            due.then(
              (rows) => {
                fetching = false;
                took(rows);
                pump();
              },
              (error: unknown) => {
                fetching = false;
                failedToFetch(error);
                arm();
                notifyIfSettled();
              },
            );
            return;
          }
          if (!took(due)) break;
        }
        launch(queue.shift() as DueForward);
      }
    } catch (error) {
      failedToFetch(error);
    }
    arm();
    notifyIfSettled();
  }

  /** queues fetched due rows; false when there were none */
  function took(due: DueForward[]): boolean {
    queue = due.filter((d) => !inflight.has(d.deliveryId));
    lastPollEmpty = queue.length === 0;
    return !lastPollEmpty;
  }

  function failedToFetch(error: unknown): void {
    queue = [];
    lastPollEmpty = true;
    storeFailed(error);
  }

  function launch(due: DueForward): void {
    const task = forwardOne(due)
      .then(storeWorked, (error: unknown) => {
        // nothing was recorded, so the row is still due; its outcome waits in `unrecorded` and the pause
        // keeps the outbox from hammering a store that cannot write
        queue = [];
        storeFailed(error);
      })
      .finally(() => {
        inflight.delete(due.deliveryId);
        pump();
      });
    inflight.set(due.deliveryId, task);
  }

  async function forwardOne(due: DueForward): Promise<void> {
    // sent before, but the store could not record it: record that outcome now (at least once, not twice)
    const outcome = unrecorded.get(due.deliveryId) ?? (await sendOne(due));
    unrecorded.set(due.deliveryId, outcome);
    await record(due.deliveryId, outcome);
    unrecorded.delete(due.deliveryId);
    quietly(() => deps.onUpdated?.(due.deliveryId));
  }

  /** throws when the store cannot record (the outcome stays in `unrecorded`) */
  async function record(deliveryId: string, { attempt, forward, sent }: Outcome & { attempt: NewAttempt }): Promise<void> {
    for (let tries = 1; ; tries += 1) {
      try {
        await store.recordAttempt(deliveryId, attempt, forward, sent);
        return;
      } catch (error) {
        // a checkpoint or the journal's commit holds the lock a moment: wait, never send again meanwhile
        if ((error as { code?: string }).code !== 'storage_busy' || tries >= BUSY_RECORD_TRIES) throw error;
        await sleep(BUSY_RECORD_WAIT_MS);
      }
    }
  }

  async function sendOne(due: DueForward): Promise<Outcome & { attempt: NewAttempt }> {
    const startedAt = clock.now();
    const firstAttemptAt = due.firstAttemptAt ?? startedAt;
    let outcome: Outcome;
    try {
      const { target, prepared, timeoutMs } = await prepare(due, startedAt);
      const result = await deps.sender.send({ target, path: prepared.path, method: prepared.method, headers: prepared.headers, body: prepared.body, timeoutMs });
      outcome = judge(result, due, firstAttemptAt, displayTarget(target.url), sentRequest(target, prepared));
    } catch (error) {
      // the request could not even be built (target refused, source gone, raw body purged): retrying
      // cannot help until someone changes the configuration
      const message = error instanceof HookscopeError ? error.message : `could not prepare the request: ${String(error)}`;
      outcome = {
        attempt: { target: safeDisplay(due.target), status: null, durationMs: 0, error: message, responseHeaders: [], responseBody: '' },
        forward: { state: 'failed', nextAttemptAt: null },
        sent: null,
      };
    }
    const attempt: NewAttempt = { id: newAttemptId(deps.crypto, startedAt), at: new Date(startedAt).toISOString(), mode: 'auto', ...outcome.attempt };
    return { ...outcome, attempt };
  }

  async function prepare(due: DueForward, now: number): Promise<{ target: ResolvedTarget; prepared: PreparedRequest; timeoutMs: number }> {
    const source = deps.getSource(due.sourceId);
    if (!source) throw new HookscopeError('source_not_found', `Source "${due.sourceId}" is no longer configured; the delivery was not forwarded`);
    const summary = await store.summary(due.deliveryId);
    const raw = await store.rawRequest(due.deliveryId);
    if (!summary || !raw) {
      throw new HookscopeError('raw_unavailable', 'The raw request is no longer stored (retention or erasure); it cannot be forwarded');
    }
    const target = await checkTarget(due.target, { allowRemoteTargets: deps.allowRemoteTargets?.() ?? false, lookup });
    const captured = { method: summary.method, headers: raw.headers, body: raw.body, query: queryOf(raw.target) };
    const prepared = source.config.forward?.resign
      ? prepareResigned(captured, { target, deliveryId: due.deliveryId, source, now, crypto: deps.crypto })
      : prepareOriginal(captured, target, due.deliveryId);
    return { target, prepared, timeoutMs: source.config.forward?.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  }

  function judge(result: SendResult, due: DueForward, firstAttemptAt: number, target: string, sent: SentRequestRaw): Outcome {
    const attempt = { target, ...result };
    if (result.status !== null && result.status >= 200 && result.status < 300) {
      return { attempt, forward: { state: 'delivered', nextAttemptAt: null }, sent };
    }
    const next = afterFailure(due.attempts + 1, firstAttemptAt, clock.now());
    return { attempt, forward: next, sent };
  }

  function notifyIfSettled(): void {
    if (waiters.length === 0 || inflight.size > 0 || queue.length > 0 || !lastPollEmpty) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  }

  return {
    start() {
      if (running) return;
      running = true;
      pump();
    },
    async stop() {
      running = false;
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
      // every send in flight is recorded (or has failed) before this resolves: the store may close next
      while (inflight.size > 0) await Promise.allSettled([...inflight.values()]);
      // one last try for outcomes the store refused; what still fails is sent again after a restart
      for (const [deliveryId, outcome] of unrecorded) {
        try {
          await store.recordAttempt(deliveryId, outcome.attempt, outcome.forward, outcome.sent);
          unrecorded.delete(deliveryId);
        } catch {
          // at least once: the row is still due in the store
        }
      }
      pump();
    },
    kick() {
      pump();
    },
    settled() {
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        pump();
      });
    },
  };
}

/** a caller's callback (log line, UI event) must not stop the outbox */
function quietly(callback: () => void): void {
  try {
    callback();
  } catch {
    // ignored: the outbox's own state is already consistent
  }
}

function safeDisplay(target: string): string {
  try {
    return displayTarget(new URL(target));
  } catch {
    return '(invalid URL)';
  }
}
