/**
 * Migration 009: the blind index keyed by delivery (appended to, not written at random leaves) and the
 * received_at index dropped for the (received_at, verdict) one. On a database written before it, an old
 * blind-index entry still erases its delivery; the queries that read received_at still seek an index.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { createKeyRing, openDatabase } from '../../../../electron/core/store';
import { deliveriesHolding } from '../../../../electron/core/store/sqlite/erasure';
import { runMigrations } from '../../../../electron/core/store/sqlite/migrations/index';
import { buildListFilter, countStatement } from '../../../../electron/core/store/sqlite/list-query';
import { normalizeErasureValue } from '../../../../shared/redact';
import { delivery, openStore, tempDir, T0, TEST_KEY_HEX } from './helpers';

const plan = (db: Database.Database, sql: string, ...params: unknown[]): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');

test('v8 → v9: old blind-index entries still erase their deliveries, new ones are written and erased too', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const ring = createKeyRing(Buffer.from(TEST_KEY_HEX, 'hex'));
    const file = join(dir, 'hookscope.db');
    const v8 = openDatabase(file, { migrateTo: 8 });
    const insert = v8.prepare(`INSERT INTO deliveries (seq, id, received_at, source_id, method, path_redacted, headers_redacted, body_redacted, body_sha256, size,
      client_ip, checks, verdict, status, event_type, failed_checks) VALUES (?, ?, ?, 'blackbox', 'POST', '/hooks/blackbox', '[]', '{}', 'x', 2, '127.0.0.1', 'pok',
      'verified', 200, NULL, '[]')`);
    insert.run(3, '01OLD0000000000000000000C3', T0);
    insert.run(4, '01OLD0000000000000000000C4', T0 + 1);
    const old = ring.blind(normalizeErasureValue('old@example.com')!.values[0]);
    const other = ring.blind(normalizeErasureValue('kept@example.com')!.values[0]);
    const blind = v8.prepare('INSERT INTO blind_index (hmac, delivery_seq) VALUES (?, ?)');
    blind.run(old, 3);
    blind.run(other, 3);
    blind.run(other, 4);
    runMigrations(v8);
    const indexes = v8.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('deliveries', 'blind_index')").pluck().all();
    assert.ok(!indexes.includes('deliveries_received_at') && !indexes.includes('blind_index_delivery'), String(indexes));
    assert.deepEqual(
      v8.prepare("SELECT name FROM pragma_table_info('blind_index') WHERE pk > 0 ORDER BY pk").pluck().all(),
      ['delivery_seq', 'hmac'],
      'keyed by delivery first: the deriver appends',
    );
    assert.equal(v8.prepare('SELECT COUNT(*) FROM blind_index').pluck().get(), 3);
    v8.close();

    const store = openStore(dir);
    const fresh = delivery({ body: JSON.stringify({ email: 'new@example.com' }) });
    await store.add(fresh);
    assert.equal(await store.eraseByValue('old@example.com'), 1);
    assert.equal(store.get('01OLD0000000000000000000C3'), null);
    assert.ok(store.get('01OLD0000000000000000000C4'), 'a delivery without the value stays');
    assert.equal(await store.eraseByValue('new@example.com'), 1);
    assert.equal(store.get(fresh.id), null);
    await store.close();

    const db = openDatabase(file);
    // the erased delivery's entries went with it (the cascade seeks by seq, the key's first column)
    assert.deepEqual(db.prepare('SELECT delivery_seq FROM blind_index').pluck().all(), [4]);
    db.close();
  } finally {
    cleanup();
  }
});

test('v9: queries on received_at seek the (received_at, verdict) index; erasure reads the blind index once', () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = openDatabase(join(dir, 'hookscope.db'));
    const retention = plan(db, 'DELETE FROM deliveries WHERE seq IN (SELECT seq FROM deliveries WHERE received_at < ? LIMIT ?)', T0, 10);
    assert.match(retention, /SEARCH deliveries USING COVERING INDEX deliveries_received_verdict \(received_at<\?\)/);
    assert.match(retention, /SEARCH blind_index USING PRIMARY KEY \(delivery_seq=\?\)/, 'the cascade seeks');
    const after = countStatement(buildListFilter({ q: 'after:-15m' }, T0), 1_000);
    assert.match(plan(db, after.sql, ...after.params), /deliveries_received_verdict \(received_at>\?\)/);
    assert.match(
      plan(db, 'SELECT (SELECT min(received_at) FROM deliveries) AS lo, (SELECT max(received_at) FROM deliveries) AS hi'),
      /SEARCH deliveries USING COVERING INDEX deliveries_received_verdict/,
    );
    const erase = plan(db, deliveriesHolding(2), Buffer.alloc(16), Buffer.alloc(16, 1));
    assert.match(erase, /SEARCH deliveries USING INTEGER PRIMARY KEY/);
    assert.doesNotMatch(erase, /SCAN deliveries|SCAN d\b/, 'never one probe of the blind index per delivery');
    db.close();
  } finally {
    cleanup();
  }
});
