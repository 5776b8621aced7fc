/**
 * `hookscope doctor` on a team database (a real PostgreSQL): reachable, schema version, advisory lock
 * holders, HOOKSCOPE_DATA_KEY against the team's key check; read only; the URL's password never shown.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { defaultConfig } from '../../../../shared/config';
import { LOCK_KEYS } from '../../../../electron/core/store/postgres/locks';
import { PG_LATEST_VERSION } from '../../../../electron/core/store/postgres/migrate';
import { createPostgresStore } from '../../../../electron/core/store/postgres/store';
import { useTestPostgres } from '../../../helpers/postgres';
import { runCli } from '../../../helpers/cli-child';

const server = useTestPostgres();
const KEY = randomBytes(32).toString('base64');
const OTHER_KEY = randomBytes(32).toString('base64');

const passwordOf = (url: string) => decodeURIComponent(new URL(url).password);

test('doctor --store checks a team database: schema, key, locks; a wrong key and a held migration lock are named', async () => {
  const url = await server().createDatabase();
  const password = passwordOf(url);
  assert.ok(password.length > 0, 'the test server has a password');

  const empty = await runCli(['doctor', '--store', url]);
  assert.equal(empty.code, 0, empty.stdout + empty.stderr);
  assert.match(empty.stdout, /reachable \(PostgreSQL \d+/);
  assert.match(empty.stdout, /no Hookscope schema yet/);

  // a replica started and stopped: schema migrated, the team's key check recorded
  const store = await createPostgresStore({ url, config: defaultConfig(), env: { HOOKSCOPE_DATA_KEY: KEY }, clock: { now: () => Date.now() }, poolMax: 2 });
  await store.close();

  const healthy = await runCli(['doctor', '--store', url], { env: { HOOKSCOPE_DATA_KEY: KEY } });
  assert.equal(healthy.code, 0, healthy.stdout + healthy.stderr);
  assert.match(healthy.stdout, new RegExp(`ok +schema version ${PG_LATEST_VERSION}: up to date`));
  assert.match(healthy.stdout, /ok +data key: HOOKSCOPE_DATA_KEY matches the team's key check/);
  assert.match(healthy.stdout, /advisory locks: none held/);
  assert.match(healthy.stdout, /replicas listening: 0/);

  const wrongKey = await runCli(['doctor', '--store', url], { env: { HOOKSCOPE_DATA_KEY: OTHER_KEY } });
  assert.equal(wrongKey.code, 1);
  assert.match(wrongKey.stdout, /PROBLEM data key: this HOOKSCOPE_DATA_KEY differs from the one the team database was started with/);

  const noKey = await runCli(['doctor', '--store', url], { env: { HOOKSCOPE_DATA_KEY: '' } });
  assert.equal(noKey.code, 1);
  assert.match(noKey.stdout, /PROBLEM data key: HOOKSCOPE_DATA_KEY is not set here/);

  // someone holds the migration lock (a replica migrating): doctor names the holder
  const holder = new pg.Client({ connectionString: url, application_name: 'hookscope-migrating' });
  await holder.connect();
  try {
    await holder.query('SELECT pg_advisory_lock($1::bigint)', [LOCK_KEYS.migrate]);
    const { rows } = await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const locked = await runCli(['doctor', '--store', url], { env: { HOOKSCOPE_DATA_KEY: KEY } });
    assert.equal(locked.code, 0, locked.stdout);
    assert.match(locked.stdout, new RegExp(`advisory lock "migrate" held by pid ${rows[0].pid} \\(hookscope-migrating\\)`));
  } finally {
    await holder.end();
  }

  // read only: doctor changed nothing (no schema step, no key check written for a new key)
  const check = new pg.Client({ connectionString: url });
  await check.connect();
  try {
    await check.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [PG_LATEST_VERSION + 1, 'from-the-future']);
    const tooNew = await runCli(['doctor', '--store', url], { env: { HOOKSCOPE_DATA_KEY: KEY } });
    assert.equal(tooNew.code, 1);
    assert.match(tooNew.stdout, new RegExp(`PROBLEM schema version ${PG_LATEST_VERSION + 1} is newer than this Hookscope knows \\(${PG_LATEST_VERSION}\\)`));
    const { rows } = await check.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    assert.equal(rows[0].n, PG_LATEST_VERSION + 1, 'doctor did not migrate anything');
  } finally {
    await check.end();
  }

  for (const r of [empty, healthy, wrongKey, noKey]) assert.ok(!(r.stdout + r.stderr).includes(password), 'the password is never printed');
});

test('doctor finds the team database through the config (store.url env:NAME); an unreachable one is a problem without its password', async () => {
  const url = await server().createDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-doctor-pg-'));
  try {
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ store: { url: 'env:TEAM_DB' } }));
    const viaConfig = await runCli(['doctor', '--data-dir', dir], { env: { TEAM_DB: url, HOOKSCOPE_DATA_KEY: KEY } });
    assert.equal(viaConfig.code, 0, viaConfig.stdout + viaConfig.stderr);
    assert.match(viaConfig.stdout, /reachable/);
    assert.ok(!viaConfig.stdout.includes(passwordOf(url)));

    const down = await runCli(['doctor', '--data-dir', dir], { env: { TEAM_DB: 'postgres://hook:pw-Do-Not-Show-9@127.0.0.1:1/team' } });
    assert.equal(down.code, 1);
    assert.match(down.stdout, /PROBLEM Cannot reach PostgreSQL at postgres:\/\/hook:\*\*\*@127\.0\.0\.1:1\/team/);
    assert.ok(!(down.stdout + down.stderr).includes('pw-Do-Not-Show-9'), 'the password is never printed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
