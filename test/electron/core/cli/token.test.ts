/** `hookscope token` against a real PostgreSQL: the token is printed once, stored hashed, works, and revokes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { principalForToken } from '../../../../electron/core/api/api-tokens';
import { createPgTokenTable } from '../../../../electron/core/store/postgres/api-token-table';
import { createPgPool } from '../../../../electron/core/store/postgres/pool';
import { useTestPostgres } from '../../../helpers/postgres';
import { runCli } from '../../../helpers/cli-child';

const server = useTestPostgres();

test('token create/list/revoke with --store, and with a config whose store.url names the database', async () => {
  const url = await server().createDatabase();
  const created = await runCli(['token', 'create', '--name', 'alice', '--role', 'viewer', '--store', url]);
  assert.equal(created.code, 0, created.stderr);
  const token = created.stdout.trim();
  assert.match(token, /^hks_[A-Za-z0-9_-]{43}$/);
  assert.match(created.stderr, /shown only this once/);

  const pool = createPgPool(url, { max: 1 });
  try {
    assert.deepEqual(await principalForToken(createPgTokenTable(pool), token), { name: 'alice', role: 'viewer' });
    const dump = JSON.stringify((await pool.query('SELECT * FROM api_tokens')).rows);
    assert.ok(!dump.includes(token.slice(4)), 'only a hash is stored');
    const audit = (await pool.query('SELECT action, subject, detail FROM audit')).rows;
    assert.deepEqual(audit, [{ action: 'token_created', subject: 'alice', detail: '{"role":"viewer"}' }]);

    const dir = mkdtempSync(join(tmpdir(), 'hookscope-token-'));
    try {
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ store: { url: 'env:TEAM_DB' } }));
      const viaConfig = await runCli(['token', 'create', '--name', 'bob', '--role', 'admin', '--data-dir', dir], { env: { TEAM_DB: url } });
      assert.equal(viaConfig.code, 0, viaConfig.stderr);
      const listed = await runCli(['token', 'list', '--data-dir', dir], { env: { TEAM_DB: url } });
      assert.equal(listed.stdout.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 2).join(' ')).join(', '), 'alice viewer, bob admin');
      assert.ok(!listed.stdout.includes('hks_'), 'list never shows a token');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const revoked = await runCli(['token', 'revoke', '--name', 'alice', '--store', url]);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.equal(await principalForToken(createPgTokenTable(pool), token), null);
    const again = await runCli(['token', 'revoke', '--name', 'alice', '--store', url]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /No active token named "alice"/);
  } finally {
    await pool.end();
  }
});

test('mistakes are one line naming the flag; a database URL password is never echoed', async () => {
  const noRole = await runCli(['token', 'create', '--name', 'x', '--store', 'postgres://u:pw@127.0.0.1:1/x']);
  assert.equal(noRole.code, 2);
  assert.match(noRole.stderr, /--role must be one of viewer, member, admin/);
  const noStore = await runCli(['token', 'list', '--data-dir', mkdtempSync(join(tmpdir(), 'hookscope-token-'))]);
  assert.equal(noStore.code, 2);
  assert.match(noStore.stderr, /pass --store postgres:\/\/… or a --config whose store\.url names it/);
  const unreachable = await runCli(['token', 'list', '--store', 'postgres://u:hunter2@127.0.0.1:1/x']);
  assert.equal(unreachable.code, 1);
  assert.match(unreachable.stderr, /Cannot reach PostgreSQL at postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x/);
  assert.ok(!unreachable.stderr.includes('hunter2'));
});
