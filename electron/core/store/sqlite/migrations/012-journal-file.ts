/**
 * v12: the journal moves to its own file (journal-file.ts, docs/architecture.md "The ingest path").
 *
 * The database file keeps how far the deriver got (`meta.derived_seq`): journal rows up to it are
 * derived. Here it starts right below the oldest journal row still waiting (or at the newest seq
 * handed out when none waits). The rows themselves move when the store attaches the journal file
 * (attachJournal: an ATTACH cannot run inside this migration's transaction). The trigger that moved
 * a key into duplicate_keys when its journal row was deleted goes: the deriver writes the key with the
 * display row, in the database file, since a trigger cannot reach across files.
 */
import { DERIVED_SEQ_KEY } from '../journal-file';
import { SEQ_RESERVED_KEY } from './008-journal-seq';
import type { Migration } from './types';

export const journalFile: Migration = {
  version: 12,
  name: 'journal-file',
  up(db) {
    db.exec('DROP TRIGGER IF EXISTS journal_keys_ad');
    db.prepare(
      `INSERT OR REPLACE INTO meta (key, value) SELECT ?, CASE
         WHEN EXISTS (SELECT 1 FROM journal) THEN (SELECT MIN(seq) FROM journal) - 1
         ELSE MAX(COALESCE((SELECT value FROM meta WHERE key = ?), 0), COALESCE((SELECT MAX(seq) FROM deliveries), 0)) END`,
    ).run(DERIVED_SEQ_KEY, SEQ_RESERVED_KEY);
  },
};
