/**
 * Fills the derived indexes (FTS5 over redacted content, and the erasure blind index) after the
 * delivery rows have committed, in large transactions off the receive path.
 *
 * Why deferred: both indexes touch many pages per row (FTS5 writes a new segment per transaction,
 * blind HMACs land on random b-tree pages). Written with every small group-commit batch they
 * tripled the WAL bytes per delivery; written every 50 ms or 2,000 rows they cost a fraction.
 * Consistency: `meta.indexed_seq` is the watermark, moved in the same transaction as the index rows.
 * Rows above it are re-indexed from the table at open (blind values from the decrypted raw bytes),
 * and every reader that depends on the indexes (search, erasure, retention) calls flushNow() first.
 */
import type Database from 'better-sqlite3';
import { blindValuesOf } from '../../derive/blind-values';
import type { KeyRing } from '../key-ring';
import { openRaw } from '../raw-envelope';

export interface IndexEntry {
  seq: number;
  id: string;
  body: string;
  eventType: string | null;
  path: string;
  blind: Buffer[];
}

export interface SearchIndexer {
  enqueue(entries: IndexEntry[]): void;
  /** indexes everything queued, synchronously */
  flushNow(): void;
  queued(): number;
  stop(): void;
}

export const INDEX_BATCH = 2000;
export const INDEX_DELAY_MS = 50;


function watermark(db: Database.Database): number {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'indexed_seq'").get() as { value: number } | undefined;
  return row ? Number(row.value) : 0;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

export function createSearchIndexer(db: Database.Database, ring: KeyRing, onWritten: () => void = () => {}): SearchIndexer {
  const insertBlind = db.prepare('INSERT OR IGNORE INTO blind_index (hmac, delivery_id) VALUES (?, ?)');
  const insertFts = db.prepare('INSERT INTO deliveries_fts (rowid, body_redacted, event_type, path_redacted) VALUES (?, ?, ?, ?)');
  const setMark = db.prepare("INSERT INTO meta (key, value) VALUES ('indexed_seq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  let queue: IndexEntry[] = [];
  let timer: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;
  let stopped = false;

  const write = db.transaction((entries: IndexEntry[]) => {
    // blind rows first: their foreign-key check opens a savepoint, which would flush pending FTS terms
    for (const e of entries) for (const h of e.blind) insertBlind.run(h, e.id);
    for (const e of entries) insertFts.run(e.seq, e.body, e.eventType, e.path);
    setMark.run(entries[entries.length - 1].seq);
  });

  const clearTimers = (): void => {
    if (timer) clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
    timer = null;
    immediate = null;
  };

  const flushNow = (): void => {
    clearTimers();
    while (queue.length > 0) {
      const batch = queue.slice(0, INDEX_BATCH);
      write(batch);
      queue = queue.slice(batch.length);
      onWritten();
    }
  };

  const scheduled = (): void => {
    try {
      flushNow();
    } catch {
      // stays queued; the next commit or reader retries, and a restart re-indexes from the watermark
    }
  };

  // rows committed above the watermark by a previous run that stopped before indexing them
  const catchUp = (): void => {
    const select = db.prepare(
      'SELECT seq, id, body_redacted, event_type, path_redacted, raw_enc FROM deliveries WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    for (;;) {
      const rows = select.all(watermark(db), INDEX_BATCH) as Array<{
        seq: number; id: string; body_redacted: string; event_type: string | null; path_redacted: string;
        raw_enc: Buffer | null;
      }>;
      if (rows.length === 0) return;
      write(rows.map((r) => {
        const raw = r.raw_enc ? openRaw(ring, r.id, r.raw_enc) : null;
        const values = raw ? blindValuesOf(decoder.decode(raw.body), raw.target, raw.headers) : [];
        return { seq: r.seq, id: r.id, body: r.body_redacted, eventType: r.event_type, path: r.path_redacted, blind: values.map((v) => ring.blind(v)) };
      }));
    }
  };
  catchUp();

  return {
    enqueue(entries) {
      if (stopped || entries.length === 0) return;
      queue.push(...entries);
      if (queue.length >= INDEX_BATCH) {
        if (!immediate) immediate = setImmediate(scheduled);
      } else if (!timer) {
        timer = setTimeout(scheduled, INDEX_DELAY_MS);
        timer.unref();
      }
    },
    flushNow,
    queued: () => queue.length,
    stop() {
      stopped = true;
      clearTimers();
    },
  };
}
