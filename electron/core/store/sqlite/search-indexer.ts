/**
 * The derived indexes: FTS5 over redacted content, and the erasure blind index. The deriver writes
 * them in the same transaction as the display rows they index (derive-target.ts), so a display row
 * never exists without its index entries and no reader has to flush anything first.
 *
 * `meta.indexed_seq` is the watermark, moved with every indexed batch. Rows above it (a database
 * written by an older version that indexed later, and died before) are indexed at open by indexMissing:
 * blind values from the decrypted raw bytes.
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
  blind: Uint8Array[];
}

/**
 * Writes index entries; call inside the transaction that writes their rows. Two halves: `blind` may run
 * chunk by chunk, `text` (FTS and the watermark) must come after every other statement of the
 * transaction — a statement that opens a savepoint (a foreign-key check, a trigger: the blind index's
 * and the journal's removal) makes FTS5 write its pending terms out as a segment, so FTS rows written
 * between chunks became one small segment per chunk, each merged again later.
 */
export interface IndexWriter {
  blind(entries: IndexEntry[]): void;
  text(entries: IndexEntry[]): void;
}

const CATCH_UP_BATCH = 2000;
const decoder = new TextDecoder('utf-8', { fatal: false });

export function createIndexWriter(db: Database.Database): IndexWriter {
  const insertBlind = db.prepare('INSERT OR IGNORE INTO blind_index (hmac, delivery_seq) VALUES (?, ?)');
  const insertFts = db.prepare('INSERT INTO deliveries_fts (rowid, body_redacted, event_type, path_redacted) VALUES (?, ?, ?, ?)');
  const setMark = db.prepare("INSERT INTO meta (key, value) VALUES ('indexed_seq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  return {
    blind(entries) {
      for (const e of entries) for (const h of e.blind) insertBlind.run(h, e.seq);
    },
    text(entries) {
      if (entries.length === 0) return;
      for (const e of entries) insertFts.run(e.seq, e.body, e.eventType, e.path);
      setMark.run(entries[entries.length - 1].seq);
    },
  };
}

/** indexes display rows above the watermark (left by a run that stopped before indexing them) */
export function indexMissing(db: Database.Database, ring: KeyRing): number {
  const mark = db.prepare("SELECT value FROM meta WHERE key = 'indexed_seq'").pluck();
  const select = db.prepare('SELECT seq, id, body_redacted, event_type, path_redacted, raw_enc FROM deliveries WHERE seq > ? ORDER BY seq LIMIT ?');
  const write = createIndexWriter(db);
  let indexed = 0;
  for (;;) {
    const rows = select.all(Number(mark.get() ?? 0), CATCH_UP_BATCH) as Array<{
      seq: number; id: string; body_redacted: string; event_type: string | null; path_redacted: string; raw_enc: Buffer | null;
    }>;
    if (rows.length === 0) return indexed;
    const entries = rows.map((r) => {
      const raw = r.raw_enc ? openRaw(ring, r.id, r.raw_enc) : null;
      const values = raw ? blindValuesOf(decoder.decode(raw.body), raw.target, raw.headers) : [];
      return { seq: r.seq, id: r.id, body: r.body_redacted, eventType: r.event_type, path: r.path_redacted, blind: values.map((v) => ring.blind(v)) };
    });
    db.transaction(() => {
      write.blind(entries);
      write.text(entries);
    })();
    indexed += rows.length;
  }
}
