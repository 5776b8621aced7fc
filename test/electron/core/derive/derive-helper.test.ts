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
import { deriveForStorage } from '../../../../electron/core/derive/derive-row';
import { toJournalEntry } from '../../../../electron/core/ingest/journal-entry';
import type { JournalRecord } from '../../../../electron/core/store/contract';
import { rawAad } from '../../../../electron/core/store/raw-envelope';
import { createRedactor } from '../../../../shared/redact';
import { defaultConfig } from '../../../../shared/config';
import { randomBytes } from 'node:crypto';
import { delivery, openStore, PASSING, tempDir, TEST_KEY_HEX } from '../store/helpers';

const ROWS = 2 * DERIVE_BATCH + 300;

function startHelper(): ReturnType<typeof startDeriveHelper> {
  const entry = deriveWorkerEntry();
  assert.ok(entry);
  const script = entry.script instanceof URL ? fileURLToPath(entry.script) : entry.script;
  return startDeriveHelper({ script, eval: entry.eval }, Buffer.from(TEST_KEY_HEX, 'hex'), defaultConfig().redaction);
}

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
      const helper = startHelper();
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
      assert.equal(db.prepare('SELECT COUNT(*) FROM jr.journal').pluck().get(), 0, 'derived rows are pruned from the journal file');
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

  test('the helper derives what the worker would: the same rows, the same requests compacted or kept', async () => {
    const ring = createKeyRing(Buffer.from(TEST_KEY_HEX, 'hex'));
    const failing = [...PASSING.slice(0, 1), { id: 'signature' as const, outcome: 'fail' as const, code: 'no_matching_signature', summary: '', detail: {}, diagnosis: [] }];
    const deliveries = [
      // kept, with blind values (a phone with and without its country code, an e-mail) and a secret in the query
      delivery({ target: '/hooks/blackbox?token=s3cr3t-t0ken', body: JSON.stringify({ phone: '+1 415 555 0100', email: 'ann@example.com', note: 'a'.repeat(300) }) }),
      // rejected: a failed check, kept for diagnosis
      delivery({ checks: failing, verdict: 'rejected', status: 401, body: '{"event":"x","card":"4242 4242 4242 4242"}' }),
      // junk: no source, no body kept, no raw copy
      delivery({ sourceId: null, target: '/hooks/nope' }),
      // incompressible: keeps its own sealed copy; no blind values
      delivery({ rawBody: randomBytes(600), headers: [['Content-Type', 'application/octet-stream']] }),
      // the first one's phone again (the helper hashes each value once per batch) and another address
      delivery({ body: JSON.stringify({ to: '+14155550100', email: 'bob@example.com' }) }),
    ];
    const records: JournalRecord[] = deliveries.map((d, i) => {
      const e = toJournalEntry(d, ring, null);
      return { ...e, seq: i + 1, bodyKept: e.retention !== 'junk' };
    });
    const helper = startHelper();
    try {
      helper.start(records);
      const helped = helper.finish();
      const here = records.map((r) => deriveForStorage(r, createRedactor(defaultConfig().redaction), ring));
      assert.equal(helped.length, records.length);
      for (let i = 0; i < records.length; i++) {
        assert.deepEqual(helped[i].row, here[i].row, `row ${i}`);
        const { sealed: a, ...restA } = helped[i].record;
        const { sealed: b, ...restB } = here[i].record;
        assert.deepEqual(restA, restB, `record ${i}`);
        // compacted under a fresh nonce, so compared opened; a request not compacted is the record's own
        assert.equal(a[0], b[0], `envelope version of ${i}`);
        if (b === records[i].sealed) assert.equal(a, records[i].sealed);
        assert.deepEqual(ring.open(a, rawAad(records[i].id)), ring.open(b, rawAad(records[i].id)));
      }
      // the repeated phone: the same hash in both rows
      assert.ok(helped[4].row.blind.some((b) => helped[0].row.blind.some((a) => Buffer.compare(a, b) === 0)));
      assert.deepEqual(here.map((h) => [h.record.sealed[0], h.row.blind.length, h.row.failed]), [[2, 3, []], [2, 1, ['signature']], [1, 0, []], [1, 0, []], [1, 2, []]]);
    } finally {
      await helper.close();
    }
  });
});
