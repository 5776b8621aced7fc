/**
 * Store queries at 100,000 deliveries (docs/architecture.md "Performance targets": first page ≤ 20 ms, full-text search ≤ 50 ms).
 * Fills a temp database through the real add() path (redaction, encryption, blind index, FTS) in
 * large group-commit batches, then reports the median of several runs of each query.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStore, newDeliveryId } from '../electron/core/store';
import type { NewDelivery } from '../electron/core/store/types';
import type { CheckResult } from '../shared/checks';
import { defaultConfig } from '../shared/config';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
}

const ROWS = 100_000;
const CHUNK = 10_000;
const RUNS = 15;
const EVENTS = ['call.completed', 'call.started', 'call.failed', 'transcript.ready', 'invoice.paid'];
const SOURCES = ['blackbox', 'dialnexa', 'vonage', 'stripe', null];

function check(id: CheckResult['id'], fail: boolean): CheckResult {
  return { id, outcome: fail ? 'fail' : 'pass', code: fail ? 'no_matching_signature' : 'ok', summary: '', detail: {}, diagnosis: [] };
}

function makeDelivery(i: number, t0: number): NewDelivery {
  const receivedAt = t0 + i * 10;
  const event = EVENTS[i % EVENTS.length];
  const failed = i % 7 === 0;
  const body = JSON.stringify({
    event,
    eventId: `evt_${i.toString(36)}`,
    timestamp: new Date(receivedAt).toISOString(),
    data: {
      callId: `call_${i}`,
      agentId: `agent_${i % 40}`,
      phoneNumber: `+1 415 555 ${String(i % 10_000).padStart(4, '0')}`,
      email: `user${i}@example.com`,
      durationSeconds: i % 600,
      transcript: 'Hello, this is a sample transcript line that repeats to make the body realistic. '.repeat(6),
      summary: i % 1000 === 0 ? `rare needle ${i}` : 'customer satisfied with the resolution',
    },
  });
  const sourceId = SOURCES[i % SOURCES.length];
  return {
    id: newDeliveryId(receivedAt),
    receivedAt,
    sourceId,
    method: 'POST',
    target: sourceId ? `/hooks/${sourceId}` : '/hooks/unknown',
    headers: [['Content-Type', 'application/json'], ['X-BlackBox-Signature', 'ab'.repeat(32)], ['User-Agent', 'bench']],
    rawBody: Buffer.from(body),
    bodyTruncated: false,
    clientIp: '127.0.0.1',
    checks: [check('signature', failed), check('payload', false)],
    verdict: failed ? 'rejected' : 'verified',
    status: failed ? 401 : 200,
    eventType: event,
    idempotencyKey: `evt_${i.toString(36)}`,
    duplicateOf: null,
    idempotencyExpiresAt: failed ? null : receivedAt + 86_400_000,
    forwardTarget: null,
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function time(fn: () => unknown): number {
  fn(); // warm the statement cache and pages
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return Math.round(median(samples) * 100) / 100;
}

export async function benchStore(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-store-bench-'));
  const t0 = Date.UTC(2026, 0, 1);
  let now = t0;
  const store = createStore({
    dataDir: dir,
    config: defaultConfig(),
    env: { HOOKSCOPE_DATA_KEY: '42'.repeat(32) },
    clock: { now: () => now },
    maxBatch: CHUNK,
  });
  try {
    const fillStart = performance.now();
    for (let start = 0; start < ROWS; start += CHUNK) {
      const batch: Array<Promise<void>> = [];
      for (let i = start; i < Math.min(ROWS, start + CHUNK); i++) batch.push(store.add(makeDelivery(i, t0)));
      await Promise.all(batch);
    }
    const fillMs = performance.now() - fillStart;
    now = t0 + ROWS * 10;

    const firstPage = time(() => store.list({}));
    const secondPage = (() => {
      const next = store.list({}).next;
      return time(() => store.list({ before: next }));
    })();
    const filtered = time(() => store.list({ sourceId: 'stripe', failedCheck: 'signature' }));
    const ftsCommon = time(() => store.list({ q: 'transcript' }));
    const ftsRare = time(() => store.list({ q: 'rare needle' }));
    const ftsFiltered = time(() => store.list({ q: 'call', verdict: 'rejected' }));
    const firstId = store.list({ limit: 1 }).items[0].id;
    const detail = time(() => store.get(firstId));
    // retention 30 days later: the oldest 10 % of the deliveries go, the rest lose their raw bytes
    const purgeStart = performance.now();
    const purged = store.purgeExpired(t0 + 30 * 86_400_000 + (ROWS / 10) * 10);
    const purgeMs = performance.now() - purgeStart;

    return [
      { name: `store: fill ${ROWS.toLocaleString('en')} deliveries (redact, encrypt, index)`, value: Math.round(ROWS / (fillMs / 1000)), unit: 'rows/s' },
      { name: 'store: first page (100k rows)', value: firstPage, unit: 'ms' },
      { name: 'store: second page via cursor (100k rows)', value: secondPage, unit: 'ms' },
      { name: 'store: filtered page, source + failed check (100k rows)', value: filtered, unit: 'ms' },
      { name: 'store: full-text search, common term (100k rows)', value: ftsCommon, unit: 'ms' },
      { name: 'store: full-text search, rare term (100k rows)', value: ftsRare, unit: 'ms' },
      { name: 'store: full-text search + verdict filter (100k rows)', value: ftsFiltered, unit: 'ms' },
      { name: 'store: get one delivery with detail', value: detail, unit: 'ms' },
      {
        name: `store: retention purge (${purged.deliveries.toLocaleString('en')} deleted, ${purged.rawBodies.toLocaleString('en')} raw copies dropped)`,
        value: Math.round(purgeMs),
        unit: 'ms',
      },
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx bench/store-bench.ts` runs it on its own
if (import.meta.url === `file://${process.argv[1]}`) {
  benchStore().then((rows) => console.table(rows), (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
