/**
 * `npm run bench`: the figures of docs/architecture.md "Performance targets", measured in one run, with ratios against baselines
 * measured in the same run. Loopback only; every phase is bounded in time or count.
 *   BENCH_SECONDS   duration of each ingest run (default 8)
 *   BENCH_WARMUP    seconds of unmeasured load each server (bare, seed recipe, Hookscope) takes before its measured runs (default 3):
 *                   a server is measured running, not during its JIT's first seconds; its deliveries count in disk per delivery
 *   BENCH_DELIVERIES deliveries ingested for the 100k phase (default 100000)
 *   BENCH_ONLY=ui    only the 100k phase (API and UI figures): a short slice while working on the UI
 *   BENCH_ONLY=pg    only ingest on PostgreSQL (one and two replicas)
 *   BENCH_ONLY=catchup  only the derived view's catch-up after BENCH_DELIVERIES journaled deliveries
 *   BENCH_ONLY=ingest   only start-up and ingest (bare, seed recipe, Hookscope in both durability modes; no PostgreSQL)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_SECRET, signedEvent } from './lib/ingest-payload';
import { rssMegabytes, startChild, type ChildServer } from './lib/child-server';
import { loadSignedEvents, type LoadResult } from './lib/load';
import { timeApi } from './lib/api-timing';
import { pollApiWhile } from './lib/api-under-load';
import { bytesUnder, cpuMicros, cpuWhenQuiet } from './lib/process-stats';
import { benchUi } from './lib/ui-bench';
import { benchCatchUp } from './lib/catch-up';
import { benchStartup, rebuildCli, rebuildRenderer } from './startup';
import { benchPostgres } from './postgres';

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const warmupSeconds = Number(process.env.BENCH_WARMUP ?? 3);
const bulk = Number(process.env.BENCH_DELIVERIES ?? 100_000);
const LARGE_BODY_BYTES = 1_000_000;
const LARGE_BODY_EVENT = 'LargeBodyPayload';
const rows: Array<{ figure: string; value: string; target: string; ratio?: string }> = [];

function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function withChild<T>(start: () => Promise<ChildServer>, fn: (s: ChildServer) => Promise<T>): Promise<T> {
  const server = await start();
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}

async function startHookscope(dataDir: string, durability: 'process' | 'power' = 'process'): Promise<ChildServer> {
  const configPath = join(dataDir, 'bench-config.json');
  writeFileSync(configPath, JSON.stringify({ storage: { durability }, sources: [{ id: 'blackbox', provider: 'blackbox', secrets: ['env:BENCH_SECRET'], rateLimit: null }] }));
  return startChild(process.execPath, ['bin/hookscope.mjs', 'serve', '--json', '--config', configPath, '--data-dir', dataDir, '--receiver-port', '0', '--ui-port', '0', '--no-tunnel'], {
    BENCH_SECRET,
    HOOKSCOPE_DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
  });
}

/** BENCH_WARMUP seconds of unmeasured load at 10 connections; the number of requests it sent */
async function warmUp(url: string): Promise<number> {
  if (warmupSeconds <= 0) return 0;
  return (await loadSignedEvents(url, { seconds: warmupSeconds })).total;
}

/** startup, then ingest throughput, CPU and disk of Hookscope against its baselines */
async function ingestFigures(withPostgres = true): Promise<void> {
  rows.push(...(await benchStartup()));

  const bare = await withChild(() => startChild(process.execPath, ['bench/servers/bare-http.mjs']), async (s) => {
    await warmUp(`http://127.0.0.1:${s.info.port}/hooks/blackbox`);
    return loadSignedEvents(`http://127.0.0.1:${s.info.port}/hooks/blackbox`, { seconds });
  });
  const seed = await withChild(() => startChild(process.execPath, ['bench/servers/seed-recipe.mjs'], { BENCH_SECRET }), async (s) => {
    await warmUp(`http://127.0.0.1:${s.info.port}/webhooks/blackbox`);
    return loadSignedEvents(`http://127.0.0.1:${s.info.port}/webhooks/blackbox`, { seconds });
  });
  const describe = (name: string, r: LoadResult) =>
    rows.push({ figure: `ingest ${name}`, value: `${fmt(r.requestsPerSecond, 0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms (${r.non2xx} non-2xx, ${r.errors} errors)`, target: '' });
  describe('bare node:http, 10 conn', bare);
  describe('seed recipe (Express + HMAC + SQLite insert), 10 conn', seed);

  // Hookscope at 10 and 64 connections, in both durability modes; CPU per delivery from /proc, disk per
  // delivery from the data directory once the server has stopped (journal and derived rows both counted).
  let hookscope10: LoadResult | undefined;
  for (const durability of ['process', 'power'] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'hookscope-bench-'));
    try {
      let delivered = 0;
      await withChild(() => startHookscope(dir, durability), async (s) => {
        const pid = s.child.pid!;
        const warm = await warmUp(`${s.info.receiver}/hooks/blackbox`);
        // the warm-up's deriving is done before the measured run starts
        await cpuWhenQuiet(pid);
        const cpuBefore = cpuMicros(pid);
        const at10 = await loadSignedEvents(`${s.info.receiver}/hooks/blackbox`, { seconds });
        const cpuAfter10 = cpuMicros(pid);
        // what the run left for after the answers (display rows, indexes): its CPU counts too, reported apart
        const afterwards = await cpuWhenQuiet(pid);
        const polled = await pollApiWhile(String(s.info.ui), loadSignedEvents(`${s.info.receiver}/hooks/blackbox`, { seconds, connections: 64 }));
        const at64 = polled.result;
        delivered = warm + at10.total + at64.total;
        if (durability === 'process') hookscope10 = at10;
        describe(`Hookscope (${durability}), 10 conn`, at10);
        describe(`Hookscope (${durability}), 64 conn`, at64);
        if (cpuBefore > 0) {
          const perDelivery = (micros: number) => `${fmt(micros / Math.max(1, at10.total), 0)} µs`;
          // the delivery's whole cost, against the target, includes whatever deriving the run left for after it
          rows.push({ figure: `CPU per delivery during the run (${durability}, 10 conn)`, value: perDelivery(cpuAfter10 - cpuBefore), target: '' });
          rows.push({
            figure: `CPU per delivery with the deriving left after the run (${durability})`,
            value: `${perDelivery(afterwards.cpu - cpuBefore)}${afterwards.quiet ? '' : ' (still busy after 120 s)'}`,
            target: '≤ 80 µs',
          });
        }
        rows.push({ figure: `API getStatus during 64-conn ingest (${durability})`, value: `p50 ${fmt(polled.p50)} ms, p99 ${fmt(polled.p99)} ms over ${polled.calls} calls`, target: 'p99 ≤ 50 ms' });
      });
      // timed runs wrap their pool of 60,000 distinct events: count what was sent, as an upper bound of rows
      rows.push({ figure: `disk per delivery (${durability}; all files of the data dir)`, value: `${fmt(bytesUnder(dir) / Math.max(1, delivered), 0)} bytes over ${delivered.toLocaleString('en-US')} requests`, target: '≤ 2,500 bytes' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const hookscope = hookscope10!;
  rows.push({ figure: 'Hookscope / bare node:http (10 conn)', value: `${fmt((hookscope.requestsPerSecond / bare.requestsPerSecond) * 100)} %`, target: '≥ 50 %', ratio: (hookscope.requestsPerSecond / bare.requestsPerSecond).toFixed(2) });
  rows.push({ figure: 'Hookscope / seed recipe (10 conn)', value: `${fmt(hookscope.requestsPerSecond / seed.requestsPerSecond, 2)}×`, target: '≥ 2×' });
  rows.push({ figure: 'Hookscope p99 latency (10 conn)', value: `${hookscope.p99} ms`, target: '≤ 10 ms' });
  // the team engine beside the embedded default (same payload, same 10 connections in all)
  if (withPostgres) rows.push(...(await benchPostgres(seconds)));
}

async function main(): Promise<void> {
  console.log(`Hookscope bench — ${seconds} s per ingest run after ${warmupSeconds} s of warm-up load, 10 connections, 1 KiB signed JSON, loopback\n`);
  rebuildCli();
  if (process.env.BENCH_ONLY === 'pg') {
    rows.push(...(await benchPostgres(seconds)));
    printRows();
    return;
  }
  const only = process.env.BENCH_ONLY;
  if (only === 'ingest') {
    await ingestFigures(false);
    return printRows();
  }
  if (only === undefined) await ingestFigures();
  if (only === undefined || only === 'catchup') {
    const c = await benchCatchUp(bulk);
    rows.push({
      figure: `derived view catch-up after ${bulk.toLocaleString('en-US')} journaled deliveries`,
      value: `${fmt(c.catchUpSeconds)} s (${c.derived.toLocaleString('en-US')} derived, ${c.pendingAfter} pending; journal filled in ${fmt(c.fillSeconds)} s)`,
      target: '≤ 10 s',
    });
    if (only === 'catchup') return printRows();
  }
  // 100,000 deliveries through the real receiver, then memory, queries and the UI on that data.
  rebuildRenderer();
  const bigDir = mkdtempSync(join(tmpdir(), 'hookscope-bench-100k-'));
  try {
    await withChild(() => startHookscope(bigDir), async (s) => {
      const started = Date.now();
      const fill = await loadSignedEvents(`${s.info.receiver}/hooks/blackbox`, { amount: bulk });
      // one 1 MB body among them, for "a 1 MB body opens in ≤ 300 ms"
      const large = signedEvent(LARGE_BODY_BYTES, LARGE_BODY_EVENT);
      const posted = await fetch(`${s.info.receiver}/hooks/blackbox`, { method: 'POST', headers: large.headers, body: large.body });
      if (posted.status !== 200) throw new Error(`the 1 MB delivery was answered ${posted.status}`);
      rows.push({ figure: `ingest ${bulk.toLocaleString('en-US')} deliveries`, value: `${fmt((Date.now() - started) / 1000)} s (${fill.non2xx} non-2xx)`, target: '' });
      rows.push({ figure: 'headless process memory (RSS) after ingest', value: `${fmt(rssMegabytes(s.child.pid!), 0)} MB`, target: '≤ 200 MB' });
      // the deriving the ingest left behind (display rows, FTS, blind index), then the reads on the full view
      const answeredAt = Date.now();
      const quiet = await cpuWhenQuiet(s.child.pid!);
      rows.push({
        figure: 'derived view caught up after the last answer (live ingest)',
        value: quiet.quiet ? `${fmt((Date.now() - answeredAt) / 1000)} s (server quiet)` : 'still busy after 120 s',
        target: '',
      });
      const ui = String(s.info.ui);
      const api = await timeApi(ui);
      rows.push({ figure: 'listDeliveries first page (API, median)', value: `${fmt(api.firstPageMs)} ms`, target: '≤ 20 ms' });
      rows.push({ figure: 'full-text search (API, median)', value: `${fmt(api.searchMs)} ms`, target: '≤ 50 ms' });
      rows.push({ figure: 'timeline, 60 bars over every delivery (API, median)', value: `${fmt(api.timelineMs)} ms`, target: '' });
      const uiFigures = await benchUi(ui, { largeBodyQuery: `type:${LARGE_BODY_EVENT}` });
      rows.push({ figure: 'UI first render with the list', value: `${fmt(uiFigures.firstRenderMs, 0)} ms`, target: '≤ 500 ms' });
      rows.push({ figure: 'UI scroll frames (p95 frame time)', value: `${fmt(uiFigures.scrollP95FrameMs)} ms over ${uiFigures.frames} frames`, target: 'smooth (≤ 33 ms)' });
      rows.push({ figure: 'UI query keystroke → total rendered (median)', value: `${fmt(uiFigures.queryToRenderMs, 0)} ms`, target: '≤ 150 ms' });
      rows.push({ figure: 'UI End → oldest delivery selected', value: `${fmt(uiFigures.oldestMs, 0)} ms (one action)`, target: 'one action' });
      rows.push({ figure: `UI ${fmt(LARGE_BODY_BYTES / 1e6, 0)} MB body opened (link → text and note shown, median)`, value: `${fmt(uiFigures.largeBodyMs, 0)} ms (getDelivery ${fmt(uiFigures.largeBodyApiMs, 0)} ms of it; note above the text: ${uiFigures.largeBodyNoteOnTop ? 'yes' : 'no'})`, target: '≤ 300 ms' });
      rows.push({ figure: 'UI scroll frames that missed a vsync (> 20 ms)', value: `${uiFigures.longFrames} of ${uiFigures.frames} (${fmt((uiFigures.longFrames / Math.max(1, uiFigures.frames)) * 100)} %)`, target: '' });
    });
  } finally {
    rmSync(bigDir, { recursive: true, force: true });
  }

  printRows();
}

function printRows(): void {
  const width = Math.max(...rows.map((r) => r.figure.length));
  const vwidth = Math.max(...rows.map((r) => r.value.length));
  console.log(`${'figure'.padEnd(width)}  ${'measured'.padEnd(vwidth)}  target`);
  console.log(`${'-'.repeat(width)}  ${'-'.repeat(vwidth)}  ------`);
  for (const r of rows) console.log(`${r.figure.padEnd(width)}  ${r.value.padEnd(vwidth)}  ${r.target}`);
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  process.exit(1);
});
