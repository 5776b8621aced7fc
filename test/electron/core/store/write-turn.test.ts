/**
 * The write turn (store/sqlite/write-turn.ts): the deriver gives SQLite's write lock to a waiting journal
 * commit between chunks of its batch, and every row still ends up derived once, in order.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { openDatabase } from '../../../../electron/core/store';
import { createWriteTurn, DERIVE_CHUNK_ROWS, deriverTurn, RELEASES, WANTING } from '../../../../electron/core/store/sqlite/write-turn';
import { deriverOver, journalWith } from '../derive/helpers';
import { delivery, tempDir } from './helpers';

// enough rows that writing them all takes well over MIN_HOLD_MS
const ROWS = 600;

describe('write turn', () => {
  test('a journal commit waiting for the lock ends the derive transaction once it held the lock MIN_HOLD_MS; the rest follows in order', async () => {
    const { dir, cleanup } = tempDir();
    try {
      await journalWith(dir, ROWS, (i) => delivery({ body: JSON.stringify({ n: i }) }));
      const db = openDatabase(join(dir, 'hookscope.db'));
      const buffer = createWriteTurn();
      const slots = new Int32Array(buffer);
      const batches: number[][] = [];
      const deriver = deriverOver(db, (items) => batches.push(items.map((i) => i.record.seq)), deriverTurn(buffer));
      // a journal batch wants the lock (the journal worker counts itself in) and, on its own thread, is
      // through once the deriver has committed (drain blocks this thread)
      Atomics.store(slots, WANTING, 1);
      const releasesBefore = Atomics.load(slots, RELEASES);
      const journal = new Worker(
        `const { workerData, parentPort } = require('node:worker_threads');
         const slots = new Int32Array(workerData);
         parentPort.postMessage('ready');
         Atomics.wait(slots, 1, Atomics.load(slots, 1), 5000);
         Atomics.wait(slots, 0, 1, 5);
         Atomics.store(slots, 0, 0);
         Atomics.notify(slots, 0);`,
        { eval: true, workerData: buffer },
      );
      await new Promise((resolve) => journal.once('message', resolve));
      const started = Date.now();
      assert.equal(deriver.drain(), true);
      deriver.stop();
      await journal.terminate();

      // the first transaction held the lock for MIN_HOLD_MS, then committed whole chunks; the deriver woke the journal and waited for it
      assert.ok(batches[0].length < ROWS, `the first transaction gave way (${batches[0].length} rows)`);
      assert.ok(batches[0].length >= DERIVE_CHUNK_ROWS && batches[0].length % DERIVE_CHUNK_ROWS === 0);
      assert.ok(Atomics.load(slots, RELEASES) > releasesBefore, 'each derive commit wakes a waiting journal');
      assert.ok(Date.now() - started >= 4, 'the deriver stepped aside until the journal was through');
      // once the journal was through, the rest went in one transaction
      assert.equal(batches.length, 2);
      const seqs = batches.flat();
      assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
      assert.equal(new Set(seqs).size, ROWS);
      assert.equal(db.prepare('SELECT COUNT(*) FROM journal').pluck().get(), 0);
      assert.equal(db.prepare('SELECT COUNT(*) FROM deliveries').pluck().get(), ROWS);
      db.close();
    } finally {
      cleanup();
    }
  });

  test('a journal that never finishes does not stall the deriver: it writes a few milliseconds per bounded wait', async () => {
    const { dir, cleanup } = tempDir();
    try {
      await journalWith(dir, ROWS, (i) => delivery({ body: JSON.stringify({ n: i }) }));
      const db = openDatabase(join(dir, 'hookscope.db'));
      const buffer = createWriteTurn();
      Atomics.store(new Int32Array(buffer), WANTING, 1);
      const batches: number[] = [];
      const deriver = deriverOver(db, (items) => batches.push(items.length), deriverTurn(buffer));
      assert.equal(deriver.drain(), true);
      deriver.stop();
      assert.ok(batches.length > 1, 'it gave way between transactions');
      assert.equal(batches.reduce((a, b) => a + b, 0), ROWS);
      assert.equal(db.prepare('SELECT COUNT(*) FROM deliveries').pluck().get(), ROWS);
      db.close();
    } finally {
      cleanup();
    }
  });

  test('a thread sleeping for the lock wakes at the deriver\'s commit, not after its nap', async () => {
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
    deriverTurn(buffer).committed(false);
    const { outcome } = await woke;
    await sleeper.terminate();
    assert.equal(outcome, 'ok', 'woken by the commit, not timed out');
    assert.equal(Atomics.load(slots, RELEASES), 1);
  });
});
