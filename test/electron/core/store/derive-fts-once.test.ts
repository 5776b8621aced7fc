/**
 * The derive transaction writes its full-text rows once, after every chunk (derive-target.ts,
 * search-indexer.ts): FTS5 writes pending terms out as a segment whenever a statement opens a savepoint,
 * so rows written between chunks became one small segment per chunk.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../../../electron/core/store';
import type { DerivedDelivery } from '../../../../electron/core/store/contract';
import { createKeyRing } from '../../../../electron/core/store/key-ring';
import { createSqliteDeriveTarget } from '../../../../electron/core/store/sqlite/derive-target';
import { deriveForStorage } from '../../../../electron/core/derive/derive-row';
import { createRedactor } from '../../../../shared/redact';
import { defaultConfig } from '../../../../shared/config';
import { delivery, openStore, tempDir, TEST_KEY_HEX } from './helpers';

const ROWS = 80;

/** a journal of ROWS deliveries, the database, and those rows derived (not written yet) */
async function derivedJournal(dir: string): Promise<{ db: Database.Database; items: DerivedDelivery[] }> {
  const journalOnly = openStore(dir, { deriver: 'none' });
  await Promise.all(Array.from({ length: ROWS }, (_, i) => journalOnly.add(delivery({ body: JSON.stringify({ note: `walrus${i}`, email: `p${i}@example.com` }) }))));
  await journalOnly.close();
  const db = openDatabase(join(dir, 'hookscope.db'));
  const ring = createKeyRing(Buffer.from(TEST_KEY_HEX, 'hex'));
  const redactor = createRedactor(defaultConfig().redaction);
  const records = createSqliteDeriveTarget(db, 0, () => false).oldest(ROWS, Number.MAX_SAFE_INTEGER);
  return { db, items: records.map((r) => deriveForStorage(r, redactor, ring)) };
}

const segments = (db: Database.Database): number => db.prepare('SELECT COUNT(DISTINCT segid) FROM deliveries_fts_idx').pluck().get() as number;
const matches = (db: Database.Database, word: string): number[] =>
  db.prepare('SELECT rowid FROM deliveries_fts WHERE deliveries_fts MATCH ? ORDER BY rowid').pluck().all(word) as number[];

describe('derive transaction and the full-text index', () => {
  test('a batch of many rows adds one FTS segment, and every row is searchable', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const { db, items } = await derivedJournal(dir);
      const target = createSqliteDeriveTarget(db, 100 * 1024 * 1024, (write) => (write(), true));
      assert.equal(target.write(items), ROWS);
      assert.equal(segments(db), 1);
      assert.equal(matches(db, 'walrus0').length, 1);
      assert.equal(matches(db, `walrus${ROWS - 1}`).length, 1);
      // every row derived: the journal file is pruned at once
      assert.equal(db.prepare('SELECT COUNT(*) FROM jr.journal').pluck().get(), 0);
      db.close();
    } finally {
      cleanup();
    }
  });
});
