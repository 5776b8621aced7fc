/**
 * Short measurement of the journal commit path as the request path uses it: a node:http server in this
 * process whose handler hands an entry to the group commit (ingest/group-commit.ts) over the journal
 * worker (store/sqlite/journal-appender.ts) on a real migrated file and answers once it is committed;
 * autocannon (a child process) sends 1 KiB POSTs at a fixed rate. Variants run in turns, ROUNDS times
 * each, and each prints the median CPU per request of the main thread, the journal worker's thread and
 * the rest of the process (V8's threads). The variant "none"
 * answers without a commit: the HTTP cost, so the others' difference to it is the commit path's (in
 * durability "process" mostly committed on the main thread itself, journal-appender.ts).
 * Rows are removed every 1,000 as the deriver would.
 *   node --import tsx bench/micro-commit.ts   (env: VARIANTS=none,2,1 — in-flight batches; RATE=2500 CONNECTIONS=10 SECONDS=3 ROUNDS=4)
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createGroupCommit, type GroupCommit, type JournalSink } from '../electron/core/ingest/group-commit';
import type { JournalEntry } from '../electron/core/store/contract';
import { openDatabase } from '../electron/core/store/sqlite/database';
import { startJournalAppender } from '../electron/core/store/sqlite/journal-appender';

const VARIANTS = (process.env.VARIANTS ?? 'none,2,1').split(',');
const RATE = Number(process.env.RATE ?? 2500);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);
const SECONDS = Number(process.env.SECONDS ?? 3);
const ROUNDS = Number(process.env.ROUNDS ?? 4);

/**
 * CPU µs the threads have run (the main thread's task has the process id): user + system ticks of
 * /proc/self/task/<tid>/stat, which leave out time the hypervisor took (schedstat's run time counted it:
 * twice the figures on a loaded VM)
 */
function threadsUs(tids: string[]): number {
  let us = 0;
  for (const tid of tids) {
    try {
      const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      us += (Number(fields[11]) + Number(fields[12])) * 10_000;
    } catch {
      // the thread is gone
    }
  }
  return us;
}
const tasks = (): string[] => readdirSync('/proc/self/task');

let n = 0;
const entry = (body: Buffer): JournalEntry => {
  n++;
  return {
    id: `01J${String(n).padStart(23, '0')}`, receivedAt: Date.now(), sourceId: 'blackbox', method: 'POST', verdict: 'verified', status: 200, codes: 'a',
    retention: 'kept', clientIp: '127.0.0.1', size: body.length, bodyTruncated: false, sealed: Buffer.concat([body, randomBytes(376)]), duplicateOf: null,
    forwardTarget: null, keyHash: randomBytes(32).toString('hex'), keyExpiresAt: Date.now() + 86_400_000,
  };
};

const dir = mkdtempSync(join(tmpdir(), 'hookscope-micro-commit-'));
const file = join(dir, 'hookscope.db');
const db = openDatabase(file);
const before = new Set(tasks());
const appender = startJournalAppender(db, file, 'NORMAL');
await new Promise((resolve) => setTimeout(resolve, 300));
const main = [String(process.pid)];
const worker = tasks().filter((t) => !before.has(t));
const remove = db.prepare('DELETE FROM journal WHERE seq <= ?');
let batches = 0;
let requests = 0;
const sink: JournalSink = {
  append(entries, options) {
    batches++;
    return appender.append(entries, options);
  },
};
const commits = new Map<string, GroupCommit | null>(
  VARIANTS.map((v) => [v, v === 'none' ? null : createGroupCommit(sink, { maxBatch: 512, deadlineMs: 4_000, maxInFlight: Number(v) })]),
);
let current: GroupCommit | null = null;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const e = entry(Buffer.concat(chunks));
    requests++;
    if (requests % 1_000 === 0) remove.run(Number.MAX_SAFE_INTEGER);
    if (!current) return res.end('ok');
    current.add(e).then(() => res.end('ok'), () => res.writeHead(503).end());
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
const load = (seconds: number): Promise<unknown> =>
  promisify(execFile)(join(import.meta.dirname, '..', 'node_modules', '.bin', 'autocannon'), [
    '-c', String(CONNECTIONS), '-d', String(seconds), '-R', String(RATE), '-m', 'POST', '-b', 'x'.repeat(1024), '-j', url,
  ]);

const figures = new Map<string, Array<{ batch: number; main: number; worker: number; other: number }>>(VARIANTS.map((v) => [v, []]));
current = commits.get(VARIANTS[VARIANTS.length - 1])!;
await load(1); // warm-up
for (let r = 0; r < ROUNDS; r++) {
  for (const v of VARIANTS) {
    current = commits.get(v)!;
    requests = 0;
    batches = 0;
    const m0 = threadsUs(main);
    const w0 = threadsUs(worker);
    const a0 = threadsUs(tasks());
    await load(SECONDS);
    const m = threadsUs(main) - m0;
    const w = threadsUs(worker) - w0;
    const o = threadsUs(tasks()) - a0 - m - w;
    figures.get(v)!.push({ batch: batches ? requests / batches : 0, main: m / requests, worker: w / requests, other: o / requests });
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const [v, rows] of figures) {
  const f = (k: 'batch' | 'main' | 'worker' | 'other'): string => median(rows.map((x) => x[k])).toFixed(1);
  console.log(`${v === 'none' ? 'no commit' : `in flight ${v}`}: batch ${f('batch')}; CPU per request (median of ${ROUNDS}) main ${f('main')} µs, journal worker ${f('worker')} µs, others ${f('other')} µs`);
}
server.close();
await appender.close();
db.close();
rmSync(dir, { recursive: true, force: true });
