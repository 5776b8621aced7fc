/**
 * v8: the journal hands out its seqs itself (docs/architecture.md, "The ingest path").
 *
 * With `seq INTEGER PRIMARY KEY AUTOINCREMENT` every group commit also rewrote the sqlite_sequence page:
 * 16 KiB more into the WAL per commit, beside the journal's own leaf (a 1-row commit wrote two pages).
 * The table is rebuilt without AUTOINCREMENT (every column, index and trigger kept, whatever migration
 * added them), and the journal worker assigns seqs from `meta.journal_seq_reserved`: no seq above it was
 * ever handed out. It reserves a block of seqs at a time in its own commit (journal-appender.ts), so a
 * seq is never handed out twice — not once the journal is empty, not after the newest deliveries were
 * erased, not after a restart or a crash — though a crash may skip the rest of a block.
 */
import type { Migration } from './types';

/** meta key: the highest seq that may have been handed out (journal-appender.ts reserves above it) */
export const SEQ_RESERVED_KEY = 'journal_seq_reserved';

export const journalSeq: Migration = {
  version: 8,
  name: 'journal-seq',
  up(db) {
    const table = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'journal'").pluck().get() as string;
    const companions = db
      .prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'journal' AND type IN ('index', 'trigger') AND sql IS NOT NULL")
      .pluck()
      .all() as string[];
    db.prepare(
      `INSERT INTO meta (key, value) SELECT ?, MAX(
         COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'journal'), 0),
         COALESCE((SELECT MAX(seq) FROM journal), 0),
         COALESCE((SELECT MAX(seq) FROM deliveries), 0))
       ON CONFLICT (key) DO UPDATE SET value = MAX(value, excluded.value)`,
    ).run(SEQ_RESERVED_KEY);
    const rebuilt = table.replace(/\s+AUTOINCREMENT\b/i, '').replace(/^CREATE TABLE\s+("journal"|journal)/i, 'CREATE TABLE journal_v8');
    if (rebuilt === table || !rebuilt.startsWith('CREATE TABLE journal_v8')) throw new Error(`migration 8: unexpected journal table definition: ${table}`);
    db.exec(rebuilt);
    // same definition, same column order
    db.exec('INSERT INTO journal_v8 SELECT * FROM journal');
    db.exec('DROP TABLE journal'); // its indexes and triggers go with it; a DROP fires no delete trigger
    db.exec('ALTER TABLE journal_v8 RENAME TO journal');
    for (const sql of companions) db.exec(sql);
  },
};
