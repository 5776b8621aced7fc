import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { LATEST_VERSION, openDatabase, schemaVersion } from '../../../../electron/core/store';
import Database from 'better-sqlite3';
import { MIGRATIONS, runMigrations } from '../../../../electron/core/store/sqlite/migrations/index';
import { HookscopeError } from '../../../../shared/result';
import { openStore, tempDir, T0 } from './helpers';

describe('migrations', () => {
  test('upgrades a v1 database: rows intact, then searchable and filterable', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'hookscope.db');
      const v1 = openDatabase(file, { migrateTo: 1 });
      assert.equal(schemaVersion(v1), 1);
      const insert = v1.prepare(`INSERT INTO deliveries (id, received_at, source_id, method, path_redacted, headers_redacted,
        body_redacted, body_sha256, size, client_ip, checks, verdict, status, event_type, failed_checks)
        VALUES (?, ?, 'stripe', 'POST', '/hooks/stripe', '[]', ?, 'x', 10, '127.0.0.1', ?, ?, ?, ?, ?)`);
      const checks = (failed: boolean) => JSON.stringify([{ id: 'signature', outcome: failed ? 'fail' : 'pass', code: failed ? 'no_matching_signature' : 'ok', summary: '', detail: {}, diagnosis: [] }]);
      insert.run('01OLD0000000000000000000A1', T0, '{"type":"invoice.paid","amount":42}', checks(false), 'verified', 200, 'invoice.paid', '[]');
      insert.run('01OLD0000000000000000000A2', T0 + 1, '{"type":"charge.failed"}', checks(true), 'rejected', 401, 'charge.failed', '["signature"]');
      v1.prepare("INSERT INTO audit (at, action, subject, detail) VALUES (?, 'config_changed', NULL, '{}')").run(T0);
      v1.close();

      const upgraded = openDatabase(file);
      assert.equal(schemaVersion(upgraded), LATEST_VERSION);
      assert.deepEqual(
        upgraded.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all(),
        MIGRATIONS.map((m) => ({ version: m.version, name: m.name })),
      );
      upgraded.close();

      const store = openStore(dir);
      const all = store.list({});
      assert.deepEqual(all.items.map((i) => i.id), ['01OLD0000000000000000000A2', '01OLD0000000000000000000A1']);
      assert.equal(store.get('01OLD0000000000000000000A1')?.body, '{"type":"invoice.paid","amount":42}');
      assert.deepEqual(store.list({ q: 'invoice' }).items.map((i) => i.id), ['01OLD0000000000000000000A1']);
      assert.deepEqual(store.list({ failedCheck: 'signature' }).items.map((i) => i.id), ['01OLD0000000000000000000A2']);
      assert.equal(store.listAudit(10).length, 1);
      await store.close();
    } finally {
      cleanup();
    }
  });

  test('a lower-numbered migration that arrives after a higher one was applied still runs', () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = new Database(join(dir, 'gap.db'));
      runMigrations(db, 3);
      const higher = MIGRATIONS.find((m) => m.version > 4);
      if (higher) {
        higher.up(db);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 0)').run(higher.version, higher.name);
      }
      runMigrations(db);
      const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
      assert.deepEqual(versions, MIGRATIONS.map((m) => m.version));
      const columns = db.prepare("SELECT name FROM pragma_table_info('attempts')").pluck().all();
      assert.ok(columns.includes('request_enc'), 'migration 4 ran');
      db.close();
    } finally {
      cleanup();
    }
  });

  test('a database from a newer version is refused with what to do', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'hookscope.db');
      const db = openDatabase(file);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)").run();
      db.close();
      assert.throws(() => openDatabase(file), (e: unknown) => e instanceof HookscopeError && e.code === 'database_too_new' && /upgrade Hookscope/.test(e.message));
    } finally {
      cleanup();
    }
  });

  test('opens in WAL mode with foreign keys on', () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = openDatabase(join(dir, 'hookscope.db'));
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
      assert.equal(db.pragma('synchronous', { simple: true }), 1, 'NORMAL');
      db.close();
    } finally {
      cleanup();
    }
  });
});
