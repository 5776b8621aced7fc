/** The storage adapter contract on the PostgreSQL store (embedded server, or HOOKSCOPE_TEST_PG_URL; a fresh database per test), and what replicas add to it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { defaultConfig } from '../../../../../shared/config';
import { createPostgresStore } from '../../../../../electron/core/store/postgres/store';
import { useTestPostgres } from '../../../../helpers/postgres';
import { delivery, fixedClock, T0, TEST_KEY_HEX } from '../helpers';
import { describeAdapterContract } from './adapter-contract';

const server = useTestPostgres();

describeAdapterContract('postgres', {
  open: async () => {
    const config = defaultConfig();
    return createPostgresStore({
      url: await server().createDatabase(),
      config: { ...config, redaction: { ...config.redaction, detectors: ['email', 'phone'] } },
      env: { HOOKSCOPE_DATA_KEY: TEST_KEY_HEX },
      clock: fixedClock(),
      poolMax: 4,
    });
  },
});

test('two replicas: a key another replica holds is learnt at commit, so a third copy points at the first delivery', async () => {
  const url = await server().createDatabase();
  const open = () => createPostgresStore({ url, config: defaultConfig(), env: { HOOKSCOPE_DATA_KEY: TEST_KEY_HEX }, clock: fixedClock(), poolMax: 2 });
  const a = await open();
  const b = await open();
  try {
    const keyed = (receivedAt: number) => delivery({ receivedAt, idempotencyKey: 'evt_shared', idempotencyExpiresAt: T0 + 3_600_000 });
    const first = keyed(T0);
    await a.add(first);
    assert.equal(b.lookupIdempotency('blackbox', 'evt_shared', T0 + 1), null, 'B started before the key existed');
    const second = keyed(T0 + 1);
    await b.add(second);
    await b.flush();
    assert.equal((await b.summary(second.id))?.duplicateOf, first.id, 'stored as a duplicate of the first');
    assert.equal(b.lookupIdempotency('blackbox', 'evt_shared', T0 + 2), first.id, 'B now knows the first delivery holds the key');
  } finally {
    await a.close();
    await b.close();
  }
});

test('two replicas: each row is derived once cluster-wide, and each replica announces each delivery once', async () => {
  const url = await server().createDatabase();
  const open = () => createPostgresStore({ url, config: defaultConfig(), env: { HOOKSCOPE_DATA_KEY: TEST_KEY_HEX }, clock: fixedClock(), poolMax: 4 });
  const a = await open();
  const b = await open();
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    // every write of a row's display columns is logged: a row derived twice shows up twice
    await pool.query(`CREATE TABLE derive_log (seq bigint NOT NULL);
      CREATE FUNCTION log_derive() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO derive_log VALUES (NEW.seq); RETURN NEW; END $$;
      CREATE TRIGGER log_derive AFTER UPDATE OF path_redacted ON deliveries FOR EACH ROW EXECUTE FUNCTION log_derive();`);
    const heard = { a: [] as string[], b: [] as string[] };
    a.onCommitted((items) => heard.a.push(...items.map((i) => i.id)));
    b.onCommitted((items) => heard.b.push(...items.map((i) => i.id)));
    const all = Array.from({ length: 240 }, (_, i) => delivery({ receivedAt: T0 + i }));
    // taken by both replicas at once: each follows its own commits and (NOTIFY) the other's
    await Promise.all(all.map((d, i) => (i % 2 === 0 ? a : b).add(d)));
    await a.flush();
    await b.flush();
    await a.flush();
    const { rows: twice } = await pool.query<{ seq: number; n: number }>('SELECT seq, count(*)::int AS n FROM derive_log GROUP BY seq HAVING count(*) > 1');
    assert.deepEqual(twice, [], 'no row derived twice');
    const { rows: derived } = await pool.query<{ n: number }>('SELECT count(DISTINCT seq)::int AS n FROM derive_log');
    assert.equal(derived[0].n, all.length, 'every row derived');
    const ids = all.map((d) => d.id).sort();
    assert.deepEqual([...heard.a].sort(), ids, 'replica A announced each delivery once');
    assert.deepEqual([...heard.b].sort(), ids, 'replica B announced each delivery once');
    const page = await b.list({ limit: 5 });
    assert.equal(page.total, all.length);
    assert.ok(page.items.every((i) => !i.pending), 'listed as derived');
  } finally {
    await pool.end();
    await a.close();
    await b.close();
  }
});
