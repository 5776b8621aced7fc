/**
 * Chaos replay: the same event several times at once, a batch out of order, or a duplicate after a
 * delay — each copy a normal replay (target policy, re-sign, recorded attempt, audit) — followed by an
 * idempotency report. A copy is re-signed when the source's scheme carries a timestamp (a stale one
 * would fail the dev server's own check), unless the caller chose a mode.
 */
import type { Attempt, ChaosAttempt, ChaosValue, ReplayDeliveryArgs, ReplayQueryArgs } from '../../../shared/api';
import { parseDeliveryQuery } from '../../../shared/delivery-query';
import { HookscopeError } from '../../../shared/result';
import { getPreset } from '../../../shared/verify/presets/index';
import type { ChainSource } from '../../../shared/verify/types';
import type { DeliveryStore } from '../store/types';
import type { Sender } from './http-sender';
import { buildReport } from './idempotency-report';
import type { ReplayArgs } from './replay';
import { openProbe, type Probe } from './side-effect-probe';
import type { LookupFn } from './target-policy';

export const MAX_CHAOS_CONCURRENCY = 20;
const DEFAULT_QUERY_LIMIT = 20;
/** a handler may apply its side effect just after answering: give it a moment before the second reading */
const PROBE_SETTLE_MS = 250;

export interface ChaosDeps {
  store: Pick<DeliveryStore, 'summary' | 'get' | 'list' | 'attempts' | 'audit'>;
  replay(args: ReplayArgs): Promise<Attempt>;
  getSource(sourceId: string): ChainSource | null;
  sender: Sender;
  lookup: LookupFn;
  redactJson(text: string): string;
  random?(): number;
}

interface RunOptions {
  concurrency: number;
  delayMs: number;
  target?: string;
  mode?: 'original' | 'resign';
  body?: string;
  probe?: string;
  order?: string;
}

/** true when a replayDelivery call asks for more than one plain replay */
export function isChaos(args: ReplayDeliveryArgs): boolean {
  return args.repeat !== undefined || args.concurrency !== undefined || args.delayMs !== undefined || args.probe !== undefined;
}

export async function chaosReplayDelivery(deps: ChaosDeps, args: ReplayDeliveryArgs): Promise<Attempt & ChaosValue> {
  const copies = Array.from({ length: args.repeat ?? 1 }, () => args.id);
  const value = await runChaos(deps, copies, { ...args, concurrency: args.concurrency ?? 1, delayMs: args.delayMs ?? 0 });
  return { ...value.attempts[0], ...value };
}

export async function replayQuery(deps: ChaosDeps, args: ReplayQueryArgs): Promise<ChaosValue> {
  const parsed = parseDeliveryQuery(args.query ?? '');
  if (!parsed.ok) throw new HookscopeError('invalid_argument', `query: ${parsed.message}`);
  const filter = { ...parsed.query, ...(args.sourceId !== undefined ? { sourceId: args.sourceId } : {}) };
  const page = await deps.store.list({ ...filter, limit: args.limit ?? DEFAULT_QUERY_LIMIT });
  if (page.items.length === 0) {
    throw new HookscopeError('not_found', 'query: no stored delivery matches; widen the search or check sourceId');
  }
  const newestFirst = page.items.map((d) => d.id);
  const order = args.order ?? 'original';
  const ids = order === 'reverse' ? newestFirst : order === 'shuffled' ? shuffle(newestFirst, deps.random ?? Math.random) : newestFirst.reverse();
  return runChaos(deps, ids, { ...args, order, concurrency: args.concurrency ?? 1, delayMs: args.delayMs ?? 0 });
}

async function runChaos(deps: ChaosDeps, ids: string[], opts: RunOptions): Promise<ChaosValue> {
  for (const id of new Set(ids)) {
    if (!(await deps.store.summary(id))) throw new HookscopeError('not_found', `id: no delivery "${id}" is stored (it may have been purged or erased)`);
  }
  // a bad probe is refused before anything is sent
  const probe: Probe | null = opts.probe ? await openProbe(opts.probe, deps) : null;
  const before = probe ? await probe.read() : null;

  const settled = await runPool(ids.length, Math.min(opts.concurrency, MAX_CHAOS_CONCURRENCY), opts.delayMs, async (i) =>
    deps.replay({ id: ids[i], target: opts.target, mode: opts.mode ?? (await modeFor(deps, ids[i], opts.body)), body: opts.body }),
  );
  const refused = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (refused) throw refused.reason;
  const sent = settled.map((s, i) => ({ deliveryId: ids[i], attempt: (s as PromiseFulfilledResult<Attempt>).value }));

  if (probe) await new Promise((r) => setTimeout(r, PROBE_SETTLE_MS));
  const after = probe ? await probe.read() : null;

  const events = new Map<string, string>();
  for (const id of new Set(ids)) {
    const detail = await deps.store.get(id);
    events.set(id, detail?.idempotencyKey ?? `delivery:${id}`);
  }
  const report = buildReport({
    statuses: sent.map((s) => s.attempt.status),
    bodies: sent.map((s) => s.attempt.responseBody),
    events: new Set(events.values()).size,
    keyName: await keyNameOf(deps, ids[0]),
    before,
    after,
  });
  await deps.store.audit('chaos_replay', ids.length === 1 || new Set(ids).size === 1 ? ids[0] : null, {
    copies: ids.length,
    deliveries: new Set(ids).size,
    concurrency: opts.concurrency,
    delayMs: opts.delayMs,
    order: opts.order ?? null,
    probe: probe !== null,
    verdict: report.verdict,
  });
  return { attempts: await redactedAttempts(deps, sent), report };
}

/** Re-signed when the scheme binds a timestamp: a captured one is stale by now. */
async function modeFor(deps: ChaosDeps, id: string, body: string | undefined): Promise<'original' | 'resign' | undefined> {
  if (body !== undefined) return undefined;
  const summary = await deps.store.summary(id);
  const source = summary?.sourceId ? deps.getSource(summary.sourceId) : null;
  if (!source?.config.provider) return 'original';
  return getPreset(source.config.provider).hasTimestamp(source.config.scheme ?? null) ? 'resign' : 'original';
}

/** what identifies an event for this source ("webhook-id", "body id"), from the duplicate check's evidence */
async function keyNameOf(deps: ChaosDeps, id: string): Promise<string> {
  const detail = await deps.store.get(id);
  const source = detail?.checks.find((c) => c.id === 'duplicate')?.detail?.keySource;
  return typeof source === 'string' ? source.replace(/ header$/, '') : 'the event id';
}

/** the attempts as the store keeps them (response bodies redacted), in send order */
async function redactedAttempts(deps: ChaosDeps, sent: Array<{ deliveryId: string; attempt: Attempt }>): Promise<ChaosAttempt[]> {
  const stored = new Map<string, Attempt>();
  for (const id of new Set(sent.map((s) => s.deliveryId))) {
    for (const a of await deps.store.attempts(id)) stored.set(a.id, a);
  }
  return sent.map((s) => ({ ...(stored.get(s.attempt.id) ?? s.attempt), deliveryId: s.deliveryId }));
}

/** Starts task(0..count-1) in order, delayMs apart, at most `concurrency` at once. */
async function runPool<T>(count: number, concurrency: number, delayMs: number, task: (i: number) => Promise<T>): Promise<Array<PromiseSettledResult<T>>> {
  const results: Array<PromiseSettledResult<T>> = new Array(count);
  const running: Array<Promise<void>> = [];
  let active = 0;
  const freed: Array<() => void> = [];
  for (let i = 0; i < count; i += 1) {
    if (i > 0 && delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    while (active >= concurrency) await new Promise<void>((r) => freed.push(r));
    active += 1;
    running.push(
      task(i).then(
        (value) => void (results[i] = { status: 'fulfilled', value }),
        (reason: unknown) => void (results[i] = { status: 'rejected', reason }),
      ).finally(() => {
        active -= 1;
        freed.shift()?.();
      }),
    );
  }
  await Promise.all(running);
  return results;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
