/**
 * In-process micro-benchmark of the deriver's CPU per journal row (no worker thread, no messages): a
 * real migrated database file gets N journal rows of the catch-up fixture (bench/lib/catch-up.ts: the
 * verified 1 KiB BlackBox delivery, with its idempotency key), then the real derive target
 * (store/sqlite/derive-target.ts) derives them in the deriver's batches. Reported per row in CPU µs:
 * the pure part (deriveForStorage), split by sub-step (each sub-step run once more on its own), and
 * the SQLite write split by statement (the CPU between one statement kind's first run and the next
 * kind's, so the JavaScript that feeds a statement counts with it), then the commit; and the pages the
 * commits wrote to the WAL per row (exact: a checkpoint after each batch, untimed).
 * Environment: BENCH_BATCH rows per transaction (default the deriver's DERIVE_BATCH; live ingest
 * derives batches of tens), BENCH_PRELOAD deliveries derived before the timed part, untimed (index
 * pages touched per batch grow with the table: random keys land on a different leaf each).
 *   node --import tsx bench/micro-derive.ts [rows] [SQL]   (default 20000 rows; SQL, e.g. a schema change
 *   to evaluate, runs on the deriver's connection before it starts)
 */
import { hash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { defaultConfig } from '../shared/config';
import { createRedactor } from '../shared/redact';
import { blindValuesOf } from '../electron/core/derive/blind-values';
import { deriveForStorage } from '../electron/core/derive/derive-row';
import { DERIVE_BATCH, DERIVE_BATCH_BYTES } from '../electron/core/derive/deriver';
import { toJournalEntry } from '../electron/core/ingest/journal-entry';
import { createKeyRing } from '../electron/core/store/key-ring';
import { compactRaw, openRawFrame, parseRawFrame } from '../electron/core/store/raw-envelope';
import { openDatabase, openWorkerConnection } from '../electron/core/store/sqlite/database';
import { createSqliteDeriveTarget } from '../electron/core/store/sqlite/derive-target';
import { INSERT_JOURNAL } from '../electron/core/store/sqlite/journal-appender';
import { benchDelivery } from './lib/catch-up';

const N = Number(process.argv[2] ?? 20_000);
const cpu = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

const dir = mkdtempSync(join(tmpdir(), 'hookscope-micro-derive-'));
const file = join(dir, 'hookscope.db');
openDatabase(file).close();
const ring = createKeyRing(Buffer.alloc(32, 5));
const redactor = createRedactor(defaultConfig().redaction);

const BATCH = Number(process.env.BENCH_BATCH ?? DERIVE_BATCH);
const PRELOAD = Number(process.env.BENCH_PRELOAD ?? 0);

// the journal, as the request path leaves it (one transaction: the fill is not measured)
const filler = openWorkerConnection(file, { synchronous: 'NORMAL', busyMs: 1_000, journal: true });
const insertJournal = filler.prepare(INSERT_JOURNAL);
const t0 = Date.now();
let filled = 0;
const fill = filler.transaction((count: number) => {
  for (let i = 0; i < count; i++) {
    const d = benchDelivery(t0 + filled++);
    const e = toJournalEntry(d, ring, ring.idempotency('blackbox', d.idempotencyKey ?? String(i)));
    insertJournal.run(filled, e.id, e.receivedAt, e.sourceId, e.method, e.verdict, e.status, e.codes, e.retention, e.clientIp, e.size, e.bodyTruncated ? 1 : 0,
      e.sealed, e.duplicateOf, e.forwardTarget, e.keyHash, e.keyExpiresAt);
  }
});
if (PRELOAD > 0) {
  fill(PRELOAD);
  const preloader = createSqliteDeriveTarget(filler, 100 * 1024 * 1024, (write) => {
    write();
    return true;
  });
  for (let records = preloader.oldest(DERIVE_BATCH, DERIVE_BATCH_BYTES); records.length > 0; records = preloader.oldest(DERIVE_BATCH, DERIVE_BATCH_BYTES)) {
    preloader.write(records.map((r) => deriveForStorage(r, redactor, ring)));
  }
}
fill(N);
filler.pragma('wal_checkpoint(TRUNCATE)');
filler.close();

// the deriver's connection, its statements timed by kind
const db = openWorkerConnection(file, { synchronous: 'NORMAL', busyMs: 1_000, journal: true });
if (process.argv[3]) db.exec(process.argv[3]);
const phases = new Map<string, number>();
let current = 'other';
let since = cpu();
const enter = (phase: string): void => {
  if (phase === current) return;
  const now = cpu();
  phases.set(current, (phases.get(current) ?? 0) + now - since);
  current = phase;
  since = now;
};
const kindOf = (sql: string): string => {
  const s = sql.replace(/\s+/g, ' ').trim();
  const m = /^(INSERT(?: OR \w+)? INTO|DELETE FROM|UPDATE|SELECT .*? FROM|PRAGMA) (?:main\.)?([\w.]+)/i.exec(s);
  const kind = m ? `${m[1].split(' ')[0].toLowerCase()} ${m[2]}` : s.slice(0, 30);
  // the batch's last statement: what follows it is the commit (FTS5 writes its pending terms, the WAL gets the pages)
  return kind === 'insert meta' ? 'meta + commit' : kind;
};
const prepare = db.prepare.bind(db);
const checkpoint = prepare('PRAGMA wal_checkpoint(PASSIVE)');
(db as { prepare: Database.Database['prepare'] }).prepare = ((sql: string) => {
  const stmt = prepare(sql);
  const kind = kindOf(sql);
  for (const method of ['run', 'get', 'all', 'iterate'] as const) {
    const original = (stmt[method] as (...a: unknown[]) => unknown).bind(stmt);
    (stmt as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      enter(kind);
      return original(...args);
    };
  }
  return stmt;
}) as Database.Database['prepare'];
const guard = (write: () => void): boolean => {
  write();
  enter('commit');
  return true;
};
const target = createSqliteDeriveTarget(db, 100 * 1024 * 1024, guard);

let rows = 0;
let pure = 0;
const sub = { open: 0, parse: 0, redact: 0, sha256: 0, blind: 0, compact: 0 };
let write = 0;
let walPages = 0;
for (;;) {
  enter('read journal');
  const records = target.oldest(BATCH, DERIVE_BATCH_BYTES);
  enter('other');
  if (records.length === 0) break;
  const p0 = cpu();
  const items = records.map((r) => deriveForStorage(r, redactor, ring));
  pure += cpu() - p0;
  // the sub-steps once more, each over the whole batch (attribution only)
  let t = cpu();
  const step = (name: keyof typeof sub): void => {
    const now = cpu();
    sub[name] += now - t;
    t = now;
  };
  const frames = records.map((r) => openRawFrame(ring, r.id, r.sealed));
  step('open');
  const raws = frames.map(parseRawFrame);
  step('parse');
  for (const raw of raws) {
    redactor.target(raw.target);
    JSON.stringify(redactor.headers(raw.headers));
    redactor.body(raw.body.toString('utf8'), 'application/json');
  }
  step('redact');
  for (const raw of raws) hash('sha256', raw.body, 'hex');
  step('sha256');
  for (const raw of raws) blindValuesOf(raw.body.toString('utf8'), raw.target, raw.headers).map((v) => ring.blind(v));
  step('blind');
  records.forEach((r, i) => compactRaw(ring, r.id, frames[i]));
  step('compact');
  const w0 = cpu();
  enter('other');
  if (!target.write(items)) throw new Error('busy');
  enter('other');
  write += cpu() - w0;
  rows += records.length;
  // the checkpoint worker's job, not the deriver's: untimed. After each batch, so the WAL holds exactly
  // the pages this batch's commits wrote (the next write starts the WAL over): a count noise cannot blur
  enter('other');
  walPages += (checkpoint.get() as { log: number }).log;
  since = cpu();
}
enter('end');

const per = (us: number): string => (us / rows).toFixed(1).padStart(7);
console.log(`${rows} journal rows derived in batches of ${BATCH} after ${PRELOAD}; CPU µs per row`);
console.log(`pure (deriveForStorage)      ${per(pure)}`);
for (const [k, v] of Object.entries(sub)) console.log(`  ${k.padEnd(26)} ${per(v)}`);
console.log(`write (target.write)         ${per(write)}`);
for (const [k, v] of [...phases].sort((a, b) => b[1] - a[1])) if (k !== 'other' && k !== 'read journal') console.log(`  ${k.padEnd(26)} ${per(v)}`);
console.log(`read journal (oldest)        ${per(phases.get('read journal') ?? 0)}`);
const size = db.prepare('SELECT page_count * page_size FROM pragma_page_count, pragma_page_size').pluck().get() as number;
console.log(`database ${(size / (rows + PRELOAD)).toFixed(0)} bytes per row; WAL pages written per row ${(walPages / rows).toFixed(2)} (${Number(db.pragma('page_size', { simple: true })) / 1024} KiB each)`);
db.close();
rmSync(dir, { recursive: true, force: true });
