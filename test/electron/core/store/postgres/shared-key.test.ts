import { test } from 'node:test';
import assert from 'node:assert/strict';
import { migratePostgres } from '../../../../../electron/core/store/postgres/migrate';
import { createPgPool } from '../../../../../electron/core/store/postgres/pool';
import { teamKeyRing, verifySharedKey } from '../../../../../electron/core/store/postgres/shared-key';
import { useTestPostgres } from '../../../../helpers/postgres';

const server = useTestPostgres();

test('replicas with the same HOOKSCOPE_DATA_KEY share the database; one with another key is refused', async () => {
  const pool = createPgPool(await server().createDatabase(), { max: 4 });
  try {
    await migratePostgres(pool);
    const key = Buffer.alloc(32, 21).toString('base64');
    const other = Buffer.alloc(32, 22).toString('base64');
    // two replicas starting at the same time with the same key
    await Promise.all([verifySharedKey(pool, teamKeyRing({ HOOKSCOPE_DATA_KEY: key })), verifySharedKey(pool, teamKeyRing({ HOOKSCOPE_DATA_KEY: key }))]);
    await assert.rejects(verifySharedKey(pool, teamKeyRing({ HOOKSCOPE_DATA_KEY: other })), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'data_key_mismatch');
      assert.ok(!e.message.includes(other) && !e.message.includes(key), 'the message holds no key');
      return true;
    });
    // blind-index hashes agree across replicas with the same key (erasure finds rows any replica wrote)
    assert.deepEqual(teamKeyRing({ HOOKSCOPE_DATA_KEY: key }).blind('jane@example.com'), teamKeyRing({ HOOKSCOPE_DATA_KEY: key }).blind('jane@example.com'));
  } finally {
    await pool.end();
  }
});

test('team mode refuses to start without HOOKSCOPE_DATA_KEY (no per-machine key file)', () => {
  assert.throws(() => teamKeyRing({}), /a team workspace needs HOOKSCOPE_DATA_KEY: the same 32-byte key/);
  assert.throws(() => teamKeyRing({ HOOKSCOPE_DATA_KEY: 'not-a-key' }), /HOOKSCOPE_DATA_KEY/);
});
