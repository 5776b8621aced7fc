import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import type { HookscopeApi } from '../../../../shared/api';
import { currentActor } from '../../../../electron/core/actor';
import { createApiToken, hashApiToken, principalForToken, type TokenTable } from '../../../../electron/core/api/api-tokens';
import { createDispatcher } from '../../../../electron/core/api/dispatch';
import { createApiServer, type ApiServer } from '../../../../electron/core/api/http-transport';
import { createEventBus } from '../../../../electron/core/events/event-bus';
import { createPgTokenTable } from '../../../../electron/core/store/postgres/api-token-table';
import { migratePostgres } from '../../../../electron/core/store/postgres/migrate';
import { createPgPool } from '../../../../electron/core/store/postgres/pool';
import { startTestPostgres, type TestPostgres } from '../../../helpers/postgres';

const OWNER_TOKEN = 'owner-token-0123456789abcdef';

describe('per-person API tokens (team mode)', () => {
  let server: TestPostgres;
  let pool: pg.Pool;
  let table: TokenTable;
  let api: ApiServer;
  const actors: Array<[string, string | null]> = [];
  // records who each call ran as: the audit log reads the same context
  const handlers = {
    async listDeliveries() {
      actors.push(['listDeliveries', currentActor()]);
      return { items: [] };
    },
    async replayDelivery() {
      actors.push(['replayDelivery', currentActor()]);
      return { at: new Date(0).toISOString(), target: 'http://127.0.0.1:1/', mode: 'original', status: 200, durationMs: 1, error: null };
    },
    async updateConfig() {
      actors.push(['updateConfig', currentActor()]);
      return {};
    },
  } as unknown as HookscopeApi;

  const call = async (token: string, method: string, args: unknown = {}) => {
    const res = await fetch(`${api.url()}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    return { status: res.status, body: (await res.json()) as { ok: boolean; error?: { code: string; message: string } } };
  };

  before(async () => {
    server = await startTestPostgres();
    pool = createPgPool(await server.createDatabase(), { max: 4 });
    await migratePostgres(pool);
    table = createPgTokenTable(pool);
    api = createApiServer({
      dispatch: createDispatcher(handlers),
      events: createEventBus(),
      token: OWNER_TOKEN,
      people: (token) => principalForToken(table, token),
      staticRoot: null,
    });
    await api.listen(0);
  });
  after(async () => {
    await api.close();
    await pool.end();
    await server.stop();
  });

  it('stores only a hash of each token', async () => {
    const { token } = await createApiToken(table, 'dora', 'viewer', 1000);
    const { rows } = await pool.query('SELECT * FROM api_tokens WHERE name = $1', ['dora']);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].token_hash, hashApiToken(token));
    assert.ok(!JSON.stringify(rows).includes(token.slice(4)), 'no column holds the token');
  });

  it('a viewer reads but cannot replay or change config, with an error that says what to do', async () => {
    const { token } = await createApiToken(table, 'vera', 'viewer', 1000);
    assert.equal((await call(token, 'listDeliveries')).body.ok, true);
    for (const method of ['replayDelivery', 'updateConfig']) {
      const r = await call(token, method, method === 'replayDelivery' ? { id: 'x' } : { config: {} });
      assert.equal(r.status, 200);
      assert.equal(r.body.ok, false);
      assert.equal(r.body.error?.code, 'forbidden');
      assert.match(r.body.error!.message, /vera has the viewer role/);
      assert.match(r.body.error!.message, /hookscope token create --name vera --role (member|admin)/);
    }
    assert.deepEqual(actors.filter(([, who]) => who === 'vera').map(([m]) => m), ['listDeliveries'], 'refused calls never reach a handler');
  });

  it('a member replays but cannot change config; an admin can, and each call runs as its person', async () => {
    const member = await createApiToken(table, 'max', 'member', 1000);
    const admin = await createApiToken(table, 'ada', 'admin', 1000);
    assert.equal((await call(member.token, 'replayDelivery', { id: 'x' })).body.ok, true);
    assert.equal((await call(member.token, 'updateConfig', { config: {} })).body.error?.code, 'forbidden');
    assert.equal((await call(admin.token, 'replayDelivery', { id: 'x' })).body.ok, true);
    const updated = await call(admin.token, 'updateConfig', { config: { sources: [] } });
    assert.notEqual(updated.body.error?.code, 'forbidden');
    assert.deepEqual(actors.filter(([, who]) => who === 'max' || who === 'ada'), [['replayDelivery', 'max'], ['replayDelivery', 'ada'], ['updateConfig', 'ada']]);
  });

  it('refuses unknown and revoked tokens with 401; the instance token still works', async () => {
    const { token } = await createApiToken(table, 'rita', 'admin', 1000);
    assert.equal((await call(token, 'listDeliveries')).status, 200);
    assert.equal(await table.revoke('rita', 2000), true);
    assert.equal((await call(token, 'listDeliveries')).status, 401);
    assert.equal((await call('hks_made-up', 'listDeliveries')).status, 401);
    const stream = await fetch(`${api.url()}/api/stream?token=${token}`);
    assert.equal(stream.status, 401);
    assert.equal((await call(OWNER_TOKEN, 'updateConfig', { config: { sources: [] } })).body.error?.code === 'forbidden', false);
  });

  it('one active token per name; bad names are refused naming the flag', async () => {
    await createApiToken(table, 'sam', 'member', 1000);
    await assert.rejects(createApiToken(table, 'sam', 'admin', 1000), /--name: "sam" already has a token/);
    await assert.rejects(createApiToken(table, '', 'admin', 1000), /--name: 1–63 letters/);
    await assert.rejects(createApiToken(table, 'x'.repeat(80), 'admin', 1000), /--name/);
    await table.revoke('sam', 2000);
    await createApiToken(table, 'sam', 'admin', 3000);
    assert.deepEqual((await table.listActive()).filter((t) => t.name === 'sam').map((t) => t.role), ['admin']);
  });
});
