/**
 * "Derived view catch-up after 100k journaled deliveries": the journal is filled through the store's
 * real add() path (sealed requests, group commits on the journal worker) with no deriver running —
 * the state a crash during a long burst leaves — then a store opens with its derive worker and the
 * time until every row is derived (display rows, FTS, blind index; worker start included) is taken.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStore, newDeliveryId } from '../../electron/core/store';
import type { NewDelivery } from '../../electron/core/store/types';
import type { CheckResult } from '../../shared/checks';
import { defaultConfig } from '../../shared/config';
import { signedEvent } from './ingest-payload';

const CHUNK = 2_000;
const KEY = { HOOKSCOPE_DATA_KEY: Buffer.alloc(32, 5).toString('base64') };

function check(id: CheckResult['id'], outcome: CheckResult['outcome'], code: string, detail: CheckResult['detail'] = {}): CheckResult {
  return { id, outcome, code, summary: '', detail, diagnosis: [] };
}

/** what the chain records for a verified 1 KiB delivery */
const CHECKS: CheckResult[] = [
  check('transport', 'warn', 'plain_http'), check('source-ip', 'skip', 'no_allowlist'), check('rate-limit', 'skip', 'skipped'),
  check('auth-token', 'skip', 'skipped'), check('signature', 'pass', 'ok', { secretsTried: 1 }),
  check('timestamp', 'pass', 'ok', { skewSeconds: 1, toleranceSeconds: 300 }), check('duplicate', 'pass', 'ok'), check('payload', 'pass', 'ok', { bytes: 1024 }),
];

/** the bench's verified 1 KiB BlackBox delivery, as the receiver hands it to the store */
export function benchDelivery(receivedAt: number): NewDelivery {
  const event = signedEvent();
  const body = Buffer.from(event.body);
  const eventId = (JSON.parse(event.body) as { eventId: string }).eventId;
  return {
    id: newDeliveryId(receivedAt),
    receivedAt,
    sourceId: 'blackbox',
    method: 'POST',
    target: '/hooks/blackbox',
    headers: [['Host', '127.0.0.1:4000'], ['Connection', 'keep-alive'], ...Object.entries(event.headers), ['Content-Length', String(body.length)]],
    rawBody: body,
    bodyTruncated: false,
    clientIp: '127.0.0.1',
    checks: CHECKS,
    verdict: 'verified',
    status: 200,
    eventType: 'CompletedWebHookPayload',
    idempotencyKey: eventId,
    duplicateOf: null,
    idempotencyExpiresAt: receivedAt + 86_400_000,
    forwardTarget: null,
  };
}

export async function benchCatchUp(count: number): Promise<{ fillSeconds: number; catchUpSeconds: number; derived: number; pendingAfter: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-bench-catch-up-'));
  const options = { dataDir: dir, config: defaultConfig(), env: KEY, clock: { now: () => Date.now() }, maxBatch: CHUNK, journalDeadlineMs: 60_000 };
  try {
    const journalOnly = createStore({ ...options, deriver: 'none' });
    const fillStart = performance.now();
    const t0 = Date.now();
    for (let start = 0; start < count; start += CHUNK) {
      const batch: Array<Promise<void>> = [];
      for (let i = start; i < Math.min(count, start + CHUNK); i++) batch.push(journalOnly.add(benchDelivery(t0 + i)));
      await Promise.all(batch);
    }
    const fillSeconds = (performance.now() - fillStart) / 1000;
    if (journalOnly.pendingCount() !== count) throw new Error(`the journal holds ${journalOnly.pendingCount()} of ${count} rows`);
    await journalOnly.close();

    const started = performance.now();
    const store = createStore(options);
    await store.flush();
    const catchUpSeconds = (performance.now() - started) / 1000;
    const pendingAfter = store.pendingCount();
    const derived = store.list({ limit: 1 }).total;
    await store.close();
    return { fillSeconds, catchUpSeconds, derived, pendingAfter };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
