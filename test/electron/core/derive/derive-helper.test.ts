/**
 * The derive worker's helper thread (derive-helper.ts): while a batch is written, the next one is derived
 * on another thread. Every journal row ends up derived exactly once, in order, the same as when derived
 * alone — also when a write finds the database busy with a batch derived ahead.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { openDatabase } from '../../../../electron/core/store';
import { createKeyRing } from '../../../../electron/core/store/key-ring';
import { createSqliteDeriveTarget } from '../../../../electron/core/store/sqlite/derive-target';
import { createDeriver, DERIVE_BATCH } from '../../../../electron/core/derive/deriver';
import { deriveWorkerEntry } from '../../../../electron/core/derive/derive-thread';
import { startDeriveHelper } from '../../../../electron/core/derive/derive-helper';
import { createRedactor } from '../../../../shared/redact';
import { defaultConfig } from '../../../../shared/config';
import { delivery, openStore, tempDir, TEST_KEY_HEX } from '../store/helpers';

const ROWS = 2 * DERIVE_BATCH + 300;

describe('derive helper', () => {
  test('batches derived on the helper thread are written once each, in order, with a busy write in between', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const journalOnly = openStore(dir, { deriver: 'none' });
      const added = Array.from({ length: ROWS }, (_, i) => delivery({
        body: JSON.stringify({ event: 'call.completed', note: `walrus${i}`, phone: '+1 415 555 0100', email: `p${i}@example.com` }),
      }));
      await Promise.all(added.map((d) => journalOnly.add(d)));
      await journalOnly.close();

      const db = openDatabase(join(dir, 'hookscope.db'));
      const ring = createKeyRing(Buffer.from(TEST_KEY_HEX, 'hex'));
      let writes = 0;
      // the second write finds the database busy: its batch (derived by the helper) is kept and written later
      const target = createSqliteDeriveTarget(db, 100 * 1024 * 1024, (write) => {
        writes++;
        if (writes === 2) return false;
        write();
        return true;
      });
      const entry = deriveWorkerEntry();
      assert.ok(entry);
      const helper = startDeriveHelper(
        { script: entry.script instanceof URL ? fileURLToPath(entry.script) : entry.script, eval: entry.eval },
        Buffer.from(TEST_KEY_HEX, 'hex'),
        defaultConfig().redaction,
      );
      const seqs: number[] = [];
      let helped = 0;
      const deriver = createDeriver({
        target,
        redactor: () => createRedactor(defaultConfig().redaction),
        ring,
        derived: (items) => seqs.push(...items.map((i) => i.record.seq)),
        onError: (e) => assert.fail(String(e)),
        helper: () => {
          helped++;
          return helper;
        },
      });
      assert.equal(deriver.drain(), false, 'the busy write ends this drain');
      while (!deriver.drain()) await new Promise((r) => setTimeout(r, 10));
      deriver.stop();
      await helper.close();

      assert.ok(helped > 1);
      assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
      assert.equal(new Set(seqs).size, ROWS);
      assert.equal(db.prepare('SELECT COUNT(*) FROM journal').pluck().get(), 0);
      assert.equal(db.prepare('SELECT COUNT(*) FROM deliveries').pluck().get(), ROWS);
      // rows of the last batch came from the helper: searchable, redacted, in the blind index
      const last = added[ROWS - 1];
      const row = db.prepare('SELECT seq, body_redacted FROM deliveries WHERE id = ?').get(last.id) as { seq: number; body_redacted: string };
      assert.match(row.body_redacted, new RegExp(`walrus${ROWS - 1}`));
      assert.doesNotMatch(row.body_redacted, new RegExp(`555 0100|p${ROWS - 1}@`));
      assert.equal(db.prepare('SELECT COUNT(*) FROM deliveries_fts WHERE deliveries_fts MATCH ?').pluck().get(`walrus${ROWS - 1}`), 1);
      // the phone with and without its country code, and the e-mail address
      assert.equal(db.prepare('SELECT COUNT(*) FROM blind_index WHERE delivery_seq = ?').pluck().get(row.seq), 3);
      db.close();

      const store = openStore(dir);
      for (const d of [added[0], added[DERIVE_BATCH + 5], last]) {
        assert.deepEqual(Buffer.from(store.revealRaw(d.id) ?? []), Buffer.from(d.rawBody));
      }
      assert.equal(await store.eraseByValue(`p${ROWS - 1}@example.com`), 1);
      await store.close();
    } finally {
      cleanup();
    }
  });
});
