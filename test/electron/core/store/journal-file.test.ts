/**
 * The journal in its own file (store/sqlite/journal-file.ts): a journal commit never waits for the
 * database file's write lock; derived rows are pruned from the journal file, and rows a crash left
 * between derive and prune are neither listed twice nor derived again; a journal table left in the
 * database file by an older version moves over with its waiting rows and keys; erasure also removes a
 * derived row's copy still in the journal file.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabase } from '../../../../electron/core/store/sqlite/database';
import { JOURNAL_COLUMNS, journalFileFor } from '../../../../electron/core/store/sqlite/journal-file';
import { createSqliteDeriveTarget } from '../../../../electron/core/store/sqlite/derive-target';
import { deriveForStorage } from '../../../../electron/core/derive/derive-row';
import { createKeyRing } from '../../../../electron/core/store/key-ring';
import { createRedactor } from '../../../../shared/redact';
import { defaultConfig } from '../../../../shared/config';
import { journalWith } from '../derive/helpers';
import { allDerived, delivery, openStore, T0, tempDir, TEST_KEY_HEX } from './helpers';

const HOUR = 3_600_000;
const file = (dir: string): string => join(dir, 'hookscope.db');
/** whether the journal file or its WAL holds `text` anywhere, free pages included */
const journalFileHolds = (dir: string, text: string): boolean =>
  [journalFileFor(file(dir)), `${journalFileFor(file(dir))}-wal`].some((f) => existsSync(f) && readFileSync(f).includes(Buffer.from(text)));

describe('journal file', () => {
  test('behind by a backlog, the deriver leaves derived rows in place and removes them all at once when nothing is left; in step, it prunes as it goes', async () => {
    const { dir, cleanup } = tempDir();
    try {
      await journalWith(dir, 3_500, (i) => delivery({ body: JSON.stringify({ n: i }) }));
      const db = openDatabase(file(dir));
      const target = createSqliteDeriveTarget(db, 100 * 1024 * 1024, (write) => (write(), true));
      const ring = createKeyRing(Buffer.from(TEST_KEY_HEX, 'hex'));
      const redactor = createRedactor(defaultConfig().redaction);
      const rows = db.prepare('SELECT COUNT(*) FROM jr.journal').pluck();
      const batch = (n: number): number => target.write(target.oldest(n, Number.MAX_SAFE_INTEGER).map((r) => deriveForStorage(r, redactor, ring)));

      assert.equal(batch(1_000), 1_000);
      assert.equal(rows.get(), 3_500, '2,500 still to derive: the 1,000 derived stay');
      assert.equal(batch(1_000), 1_000);
      assert.equal(rows.get(), 1_500, 'fewer than 2,000 still to derive: the derived rows are pruned as the deriver goes');
      assert.equal(batch(1_500), 1_500);
      assert.equal(rows.get(), 0, 'nothing left to derive: every row is gone');
      assert.equal(db.prepare('PRAGMA jr.freelist_count').pluck().get(), 0, 'and the file cut back');
      assert.equal(db.prepare('SELECT COUNT(*) FROM deliveries').pluck().get(), 3_500);
      db.close();
    } finally {
      cleanup();
    }
  });

  test('pruned rows leave nothing behind in the journal file once nothing is live', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      const added = Array.from({ length: 300 }, (_, i) => delivery({ clientIp: '203.0.113.77', body: JSON.stringify({ n: i }) }));
      await Promise.all(added.map((d) => store.add(d)));
      await allDerived(store);
      await store.close();
      assert.equal(journalFileHolds(dir, '203.0.113.77'), false, 'no journal row\'s client address in any page');
      assert.equal(journalFileHolds(dir, added[0].id), false);
    } finally {
      cleanup();
    }
  });

  test('a journal commit does not wait for the database file: deliveries are acknowledged while another process holds its lock', async () => {
    const { dir, cleanup } = tempDir();
    const store = openStore(dir);
    const other = new Database(file(dir));
    try {
      await store.add(delivery());
      await allDerived(store);
      other.exec('BEGIN IMMEDIATE');
      let released = false;
      const acknowledged = Promise.all(Array.from({ length: 20 }, () => store.add(delivery()))).then(() => released);
      const release = new Promise<void>((resolve) =>
        setTimeout(() => {
          released = true;
          other.exec('COMMIT');
          resolve();
        }, 1_500),
      );
      assert.equal(await acknowledged, false, 'every delivery was acknowledged while the database file was locked');
      // not derivable yet: listed as pending, never missing
      const page = store.list({ limit: 50 });
      assert.equal(page.items.length, 21);
      assert.ok(page.items.filter((i) => i.pending).length > 0);
      await release;
      await allDerived(store);
      assert.equal(store.list({ limit: 50 }).items.filter((i) => i.pending).length, 0);
    } finally {
      other.close();
      await store.close();
      cleanup();
    }
  });

  test('derived rows leave the journal file; rows a crash left there after their derive are listed once and not derived again', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const added = [delivery({ body: '{"n":1}' }), delivery({ body: '{"n":2}' }), delivery({ body: '{"n":3}' })];
      const journalOnly = openStore(dir, { deriver: 'none' });
      for (const d of added) await journalOnly.add(d);
      await journalOnly.close();
      const raw = new Database(journalFileFor(file(dir)));
      const saved = raw.prepare(`SELECT ${JOURNAL_COLUMNS} FROM journal`).raw().all() as unknown[][];
      raw.close();
      assert.equal(saved.length, 3);

      let store = openStore(dir);
      await allDerived(store);
      await store.close();
      const after = new Database(journalFileFor(file(dir)));
      assert.equal(after.prepare('SELECT COUNT(*) FROM journal').pluck().get(), 0, 'pruned once derived');
      // the state a crash leaves between the derive commit and the prune: the rows are back in the journal file
      const insert = after.prepare(`INSERT INTO journal (${JOURNAL_COLUMNS}) VALUES (${saved[0].map(() => '?').join(', ')})`);
      for (const row of saved) insert.run(...row);
      after.close();

      store = openStore(dir);
      assert.equal(store.pendingCount(), 0, 'rows up to the deriver\'s mark are not pending');
      const page = store.list({ limit: 10 });
      assert.deepEqual(page.items.map((i) => i.id).sort(), added.map((d) => d.id).sort(), 'each delivery listed once');
      assert.equal(page.total, 3);
      assert.ok(page.items.every((i) => !i.pending));
      await store.flush();
      await store.close();
      const check = openDatabase(file(dir));
      assert.equal(check.prepare('SELECT COUNT(*) FROM deliveries').pluck().get(), 3, 'not derived a second time');
      assert.equal(check.prepare('SELECT COUNT(*) FROM jr.journal').pluck().get(), 0, 'pruned at the next start');
      check.close();
    } finally {
      cleanup();
    }
  });

  test('an older database with its journal in the database file: waiting rows and their keys move over, seqs go on above', async () => {
    const source = tempDir();
    const { dir, cleanup } = tempDir();
    try {
      // acknowledged rows as an older version would have left them waiting (same data key)
      const keyed = delivery({ idempotencyKey: 'evt_legacy', idempotencyExpiresAt: T0 + HOUR });
      const waiting = [keyed, delivery({ body: '{"n":2}' })];
      const journalOnly = openStore(source.dir, { deriver: 'none' });
      for (const d of waiting) await journalOnly.add(d);
      await journalOnly.close();

      const old = openDatabase(file(dir), { migrateTo: 11 });
      old.prepare('ATTACH DATABASE ? AS src').run(journalFileFor(file(source.dir)));
      old.exec(`INSERT INTO main.journal (${JOURNAL_COLUMNS}) SELECT ${JOURNAL_COLUMNS} FROM src.journal`);
      old.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('journal_seq_reserved', 50)");
      old.exec('DETACH DATABASE src');
      old.close();

      const store = openStore(dir);
      assert.equal(store.lookupIdempotency('blackbox', 'evt_legacy', T0 + 1), keyed.id, 'the waiting row\'s key is known at start');
      await allDerived(store);
      assert.deepEqual(store.list({ limit: 10 }).items.map((i) => i.id).sort(), waiting.map((d) => d.id).sort());
      const next = delivery();
      await store.add(next);
      await allDerived(store);
      await store.close();

      const db = openDatabase(file(dir));
      assert.equal(db.prepare("SELECT COUNT(*) FROM main.sqlite_master WHERE name = 'journal'").pluck().get(), 0, 'the old table is gone');
      assert.equal(db.prepare('SELECT COUNT(*) FROM duplicate_keys WHERE delivery_id = ?').pluck().get(keyed.id), 1, 'the key moved to duplicate_keys when derived');
      assert.ok((db.prepare('SELECT seq FROM deliveries WHERE id = ?').pluck().get(next.id) as number) > 50, 'above the old reservation');
      db.close();
      assert.equal(statSync(journalFileFor(file(dir))).mode & 0o777, 0o600, 'the journal file is the owner\'s only');
    } finally {
      source.cleanup();
      cleanup();
    }
  });

  test('erasure also removes a derived delivery\'s copy still waiting to be pruned from the journal file', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const personal = delivery({ body: JSON.stringify({ email: 'erase.me@example.com' }) });
      const journalOnly = openStore(dir, { deriver: 'none' });
      await journalOnly.add(personal);
      await journalOnly.close();
      const raw = new Database(journalFileFor(file(dir)));
      const saved = raw.prepare(`SELECT ${JOURNAL_COLUMNS} FROM journal`).raw().all() as unknown[][];
      raw.close();

      const store = openStore(dir);
      await allDerived(store);
      // derived and pruned; its copy put back as a crash between derive and prune leaves it
      const again = new Database(journalFileFor(file(dir)));
      again.prepare(`INSERT INTO journal (${JOURNAL_COLUMNS}) VALUES (${saved[0].map(() => '?').join(', ')})`).run(...saved[0]);
      again.close();
      assert.equal(await store.eraseByValue('erase.me@example.com'), 1);
      assert.equal(journalFileHolds(dir, personal.id), false, 'no copy of the row, not even in a free page');
      await store.close();
    } finally {
      cleanup();
    }
  });
});
