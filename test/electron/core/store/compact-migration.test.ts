/** Migration 007: keys stored as bytes and the blind index by seq, on a database written before it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createKeyRing, openDatabase } from '../../../../electron/core/store';
import { runMigrations } from '../../../../electron/core/store/sqlite/migrations/index';
import { normalizeErasureValue } from '../../../../shared/redact';
import { openStore, tempDir, T0, TEST_KEY_HEX } from './helpers';

test('v6 → v7: an old duplicate key still answers as a duplicate, an old blind-index entry still erases its delivery', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const ring = createKeyRing(Buffer.from(TEST_KEY_HEX, 'hex'));
    const file = join(dir, 'hookscope.db');
    const v6 = openDatabase(file, { migrateTo: 6 });
    v6.prepare(`INSERT INTO deliveries (seq, id, received_at, source_id, method, path_redacted, headers_redacted, body_redacted, body_sha256, size,
      client_ip, checks, verdict, status, event_type, failed_checks) VALUES (7, '01OLD0000000000000000000B1', ?, 'blackbox', 'POST', '/hooks/blackbox', '[]',
      '{"email":"«email»"}', ?, 20, '127.0.0.1', 'pok', 'verified', 200, NULL, '[]')`).run(T0, 'ab'.repeat(32));
    const hash = ring.idempotency('blackbox', 'evt_1');
    v6.prepare("INSERT INTO duplicate_keys (source_id, key_hash, delivery_id, expires_at) VALUES ('blackbox', ?, '01OLD0000000000000000000B1', ?)").run(hash, T0 + 86_400_000);
    const blind = ring.blind(normalizeErasureValue('old@example.com')!.values[0]);
    v6.prepare("INSERT INTO blind_index (hmac, delivery_id) VALUES (?, '01OLD0000000000000000000B1')").run(blind);
    runMigrations(v6);
    assert.deepEqual(v6.prepare('SELECT typeof(key_hash) AS t, length(key_hash) AS n FROM duplicate_keys').get(), { t: 'blob', n: 32 });
    assert.deepEqual(v6.prepare('SELECT delivery_seq FROM blind_index').all(), [{ delivery_seq: 7 }]);
    v6.close();

    const store = openStore(dir);
    assert.equal(store.lookupIdempotency('blackbox', 'evt_1', T0), '01OLD0000000000000000000B1');
    assert.equal(store.get('01OLD0000000000000000000B1')?.bodySha256, 'ab'.repeat(32), 'hex text of old rows reads as before');
    assert.equal(await store.eraseByValue('old@example.com'), 1);
    assert.equal(store.get('01OLD0000000000000000000B1'), null);
    await store.close();
  } finally {
    cleanup();
  }
});
