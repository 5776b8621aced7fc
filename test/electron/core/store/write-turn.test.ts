/**
 * The write turn (store/sqlite/write-turn.ts): the deriver prunes derived rows from the journal file
 * only while no journal commit waits for that file's lock, wakes a waiting commit after each prune, and
 * never holds the journal's commits up with its own transactions (they write the database file).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { openDatabase } from '../../../../electron/core/store';
import { createSqliteDeriveTarget } from '../../../../electron/core/store/sqlite/derive-target';
import { createWriteTurn, deriverTurn, RELEASES, WANTING } from '../../../../electron/core/store/sqlite/write-turn';
import { deriveForStorage } from '../../../../electron/core/derive/derive-row';
import { createKeyRing } from '../../../../electron/core/store/key-ring';
import { createRedactor } from '../../../../shared/redact';
import { defaultConfig } from '../../../../shared/config';
import { journalWith } from '../derive/helpers';
import { delivery, tempDir, TEST_KEY_HEX } from './helpers';

const ROWS = 600;

describe('write turn', () => {
  test('while a journal commit waits for the journal file, the deriver writes its batch but starts no prune; the next prune wakes the journal', async () => {
    const { dir, cleanup } = tempDir();
    try {
      await journalWith(dir, ROWS, (i) => delivery({ body: JSON.stringify({ n: i }) }));
      const db = openDatabase(join(dir, 'hookscope.db'));
      const buffer = createWriteTurn();
      const slots = new Int32Array(buffer);
      const target = createSqliteDeriveTarget(db, 100 * 1024 * 1024, (write) => (write(), true), deriverTurn(buffer));
      const ring = createKeyRing(Buffer.from(TEST_KEY_HEX, 'hex'));
      const redactor = createRedactor(defaultConfig().redaction);
      const items = target.oldest(ROWS, Number.MAX_SAFE_INTEGER).map((r) => deriveForStorage(r, redactor, ring));
      const allRows = db.prepare('SELECT COUNT(*) FROM jr.journal').pluck();

      Atomics.store(slots, WANTING, 1);
      assert.equal(target.write(items), ROWS);
      assert.equal(db.prepare('SELECT COUNT(*) FROM deliveries').pluck().get(), ROWS);
      assert.equal(target.next(), 0, 'nothing is left to derive');
      assert.equal(allRows.get(), ROWS, 'the derived rows stay in the journal file while the journal waits');
      assert.equal(Atomics.load(slots, RELEASES), 0);

      Atomics.store(slots, WANTING, 0);
      target.prune();
      assert.equal(allRows.get(), 0);
      assert.ok(Atomics.load(slots, RELEASES) >= 1, 'the prune wakes a journal commit sleeping for the lock');
      db.close();
    } finally {
      cleanup();
    }
  });

  test('a thread sleeping for the lock wakes at the deriver\'s prune, not after its nap', async () => {
    const buffer = createWriteTurn();
    const slots = new Int32Array(buffer);
    // the journal worker's wait: on RELEASES, for up to a second
    const sleeper = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       const slots = new Int32Array(workerData);
       const seen = Atomics.load(slots, 1);
       parentPort.postMessage('waiting');
       const started = Date.now();
       const outcome = Atomics.wait(slots, 1, seen, 1000);
       parentPort.postMessage({ outcome, ms: Date.now() - started });`,
      { eval: true, workerData: buffer },
    );
    const messages: Array<string | { outcome: string; ms: number }> = [];
    const woke = new Promise<{ outcome: string; ms: number }>((resolve) =>
      sleeper.on('message', (m: string | { outcome: string; ms: number }) => {
        messages.push(m);
        if (typeof m !== 'string') resolve(m);
      }),
    );
    while (messages.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    deriverTurn(buffer).committed();
    const { outcome } = await woke;
    await sleeper.terminate();
    assert.equal(outcome, 'ok', 'woken by the prune, not timed out');
    assert.equal(Atomics.load(slots, RELEASES), 1);
  });
});
