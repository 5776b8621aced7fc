/** The storage adapter contract on the PostgreSQL store (embedded server, or HOOKSCOPE_TEST_PG_URL; a fresh database per test), and what replicas add to it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
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
