/**
 * The catch-up of bench/lib/catch-up.ts in this process, with each thread's CPU per derived row (Linux
 * /proc): the derive worker, its helper, V8's GC threads and the main thread. Wall time on a shared
 * machine says little; on two cores the catch-up takes at least the larger of (total CPU / 2) and the
 * busiest thread's CPU.   node --import tsx bench/catch-up-cpu.ts [rows]   (default 20000)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore } from '../electron/core/store';
import { defaultConfig } from '../shared/config';
import { benchDelivery } from './lib/catch-up';
import { threadTicks } from './lib/process-stats';

const N = Number(process.argv[2] ?? 20_000);
const CHUNK = 2_000;
const KEY = { HOOKSCOPE_DATA_KEY: Buffer.alloc(32, 5).toString('base64') };


const dir = mkdtempSync(join(tmpdir(), 'hookscope-catch-up-cpu-'));
const options = { dataDir: dir, config: defaultConfig(), env: KEY, clock: { now: () => Date.now() }, maxBatch: CHUNK, journalDeadlineMs: 60_000 };
try {
  const journalOnly = createStore({ ...options, deriver: 'none' });
  const t0 = Date.now();
  for (let start = 0; start < N; start += CHUNK) {
    await Promise.all(Array.from({ length: Math.min(CHUNK, N - start) }, (_, i) => journalOnly.add(benchDelivery(t0 + start + i))));
  }
  await journalOnly.close();

  const before = threadTicks();
  const started = Date.now();
  // the process's resident memory while it catches up (sampled), against what the fill left
  const rssBefore = process.memoryUsage.rss();
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 20);
  const store = createStore(options);
  await store.flush();
  const wall = Date.now() - started;
  clearInterval(sampler);
  // read before close: the helper thread ends 3 s after its last batch, the worker at close
  const after = threadTicks();
  const names = new Map<string, string>();
  for (const tid of after.keys()) names.set(tid, tid === String(process.pid) ? 'main' : readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim());
  const perRow = [...after].map(([tid, t]) => [tid, ((t - (before.get(tid) ?? 0)) * 10_000) / N] as const).filter(([, us]) => us >= 1).sort((a, b) => b[1] - a[1]);
  const total = perRow.reduce((sum, [, us]) => sum + us, 0);
  console.log(`${N} journal rows derived in ${wall} ms (wall), RSS ${(rssBefore / 1024 / 1024).toFixed(0)} → peak ${(rssPeak / 1024 / 1024).toFixed(0)} MB; CPU µs per row: total ${total.toFixed(0)}`);
  for (const [tid, us] of perRow) console.log(`  ${tid.padEnd(8)} ${(names.get(tid) ?? '').padEnd(16)} ${us.toFixed(0).padStart(5)}`);
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
