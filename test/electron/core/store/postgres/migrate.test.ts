import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { createPgPool } from '../../../../../electron/core/store/postgres/pool';
import { migratePostgres, PG_LATEST_VERSION } from '../../../../../electron/core/store/postgres/migrate';
import { PG_MIGRATIONS } from '../../../../../electron/core/store/postgres/migrations/index';
import { startTestPostgres, type TestPostgres } from '../../../../helpers/postgres';

describe('PostgreSQL migrations', () => {
  let server: TestPostgres;
  const pools: pg.Pool[] = [];
  const pool = (url: string) => {
    const p = createPgPool(url, { max: 3 });
    pools.push(p);
    return p;
  };
  before(async () => {
    server = await startTestPostgres();
  });
  after(async () => {
    for (const p of pools) await p.end();
    await server.stop();
  });

  it('migrates once when several replicas start at the same time (advisory lock)', async () => {
    const url = await server.createDatabase();
    const versions = await Promise.all([pool(url), pool(url), pool(url), pool(url)].map((p) => migratePostgres(p)));
    assert.deepEqual(versions, [PG_LATEST_VERSION, PG_LATEST_VERSION, PG_LATEST_VERSION, PG_LATEST_VERSION]);
    const { rows } = await pool(url).query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
    assert.deepEqual(rows.map((r) => r.version), PG_MIGRATIONS.map((m) => m.version));
    // a second start finds nothing to do
    assert.equal(await migratePostgres(pool(url)), PG_LATEST_VERSION);
  });

  it('applies only up to a target, then the rest later', async () => {
    const url = await server.createDatabase();
    const steps = [
      { version: 1, name: 'one', sql: 'CREATE TABLE one (x int)' },
      { version: 2, name: 'two', sql: 'CREATE TABLE two (y int)' },
    ];
    const p = pool(url);
    assert.equal(await migratePostgres(p, { migrations: steps, target: 1 }), 1);
    const before2 = await p.query("SELECT to_regclass('two') AS t");
    assert.equal(before2.rows[0].t, null);
    assert.equal(await migratePostgres(p, { migrations: steps }), 2);
    const after2 = await p.query("SELECT to_regclass('two') AS t");
    assert.equal(after2.rows[0].t, 'two');
  });

  it('rolls a failing step back whole and names it', async () => {
    const url = await server.createDatabase();
    const p = pool(url);
    const steps = [{ version: 1, name: 'broken', sql: 'CREATE TABLE half (x int); SELECT no_such_function()' }];
    await assert.rejects(migratePostgres(p, { migrations: steps }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'migration_failed');
      assert.match(e.message, /migration 1 \(broken\)/);
      return true;
    });
    const { rows } = await p.query("SELECT to_regclass('half') AS t");
    assert.equal(rows[0].t, null, 'the table of the failed step is rolled back');
    // the lock was released: a correct step still runs
    assert.equal(await migratePostgres(p, { migrations: [{ version: 1, name: 'ok', sql: 'CREATE TABLE half (x int)' }] }), 1);
  });

  it('refuses a database migrated by a newer Hookscope', async () => {
    const url = await server.createDatabase();
    const p = pool(url);
    await migratePostgres(p);
    await p.query("INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')");
    await assert.rejects(migratePostgres(p), /newer Hookscope \(schema version 9999/);
  });

  it('keeps the audit log append-only', async () => {
    const url = await server.createDatabase();
    const p = pool(url);
    await migratePostgres(p);
    await p.query("INSERT INTO audit (at, action, detail, actor) VALUES (1, 'config', '{}', 'alice')");
    await assert.rejects(p.query("UPDATE audit SET actor = 'mallory'"), /append-only/);
    await assert.rejects(p.query('DELETE FROM audit'), /append-only/);
    await assert.rejects(p.query('TRUNCATE audit'), /append-only/);
    const { rows } = await p.query('SELECT actor FROM audit');
    assert.deepEqual(rows, [{ actor: 'alice' }]);
  });
});
