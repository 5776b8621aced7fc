/**
 * The derive helper's round trip in this process (derive/derive-helper.ts): N journal records of the
 * catch-up fixture (bench/lib/catch-up.ts, sealed as the journal seals them, no database) go to the
 * real helper thread in the deriver's batches, start → finish, as the derive worker sends them while it
 * writes the batch before. Reported per row: whole-process CPU (both threads, V8's GC threads, the
 * messages both ways) as the median of the timed rounds, and each thread's share (Linux /proc).
 *   node --import tsx bench/micro-helper.ts [rows] [rounds]   (default 5000 rows, 7 rounds after one untimed)
 */
import { fileURLToPath } from 'node:url';
import { defaultConfig } from '../shared/config';
import { startDeriveHelper } from '../electron/core/derive/derive-helper';
import { DERIVE_BATCH } from '../electron/core/derive/deriver';
import { deriveWorkerEntry } from '../electron/core/derive/derive-thread';
import { toJournalEntry } from '../electron/core/ingest/journal-entry';
import type { JournalRecord } from '../electron/core/store/contract';
import { createKeyRing } from '../electron/core/store/key-ring';
import { benchDelivery } from './lib/catch-up';
import { threadTicks } from './lib/process-stats';

const N = Number(process.argv[2] ?? 5000);
const ROUNDS = Number(process.argv[3] ?? 7);
const KEY = Buffer.alloc(32, 5);


const ring = createKeyRing(KEY);
const t0 = Date.now();
const records: JournalRecord[] = Array.from({ length: N }, (_, i) => {
  const d = benchDelivery(t0 + i);
  return { ...toJournalEntry(d, ring, ring.idempotency('blackbox', d.idempotencyKey ?? String(i))), seq: i + 1, bodyKept: true };
});
const entry = deriveWorkerEntry();
if (!entry) throw new Error('the derive worker code was not found');
const helper = startDeriveHelper({ script: entry.script instanceof URL ? fileURLToPath(entry.script) : entry.script, eval: entry.eval }, KEY, defaultConfig().redaction);
const cpu = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const round = (): number => {
  const c0 = cpu();
  let derived = 0;
  for (let i = 0; i < N; i += DERIVE_BATCH) {
    helper.start(records.slice(i, i + DERIVE_BATCH));
    derived += helper.finish().length;
  }
  if (derived !== N) throw new Error(`${derived} of ${N} rows came back`);
  return (cpu() - c0) / N;
};

round();
const before = threadTicks();
const perRound: number[] = [];
for (let r = 0; r < ROUNDS; r++) perRound.push(round());
const after = threadTicks();
await helper.close();

const sorted = [...perRound].sort((a, b) => a - b);
console.log(`${N} rows through the derive helper, ${ROUNDS} rounds; whole-process CPU µs per row: median ${sorted[Math.floor(ROUNDS / 2)].toFixed(1)}, min ${sorted[0].toFixed(1)} (${perRound.map((x) => x.toFixed(0)).join(' ')})`);
const threads = [...after].map(([tid, t]) => [tid, ((t - (before.get(tid) ?? 0)) * 10_000) / (N * ROUNDS)] as const).filter(([, us]) => us >= 1).sort((a, b) => b[1] - a[1]);
for (const [tid, us] of threads) console.log(`  ${(tid === String(process.pid) ? 'main (the worker\'s side)' : tid).padEnd(26)} ${us.toFixed(0).padStart(5)}`);
