/**
 * Team mode's data key: every replica must seal and blind-index with the same key, or one replica's
 * rows are garbage to another. The key comes from HOOKSCOPE_DATA_KEY only (never a per-machine key
 * file), and the first replica to start records a check value in the database; a replica with another
 * key is refused at start, before it writes anything.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Pool } from 'pg';
import { HookscopeError } from '../../../../shared/result';
import { createDataKey, DATA_KEY_ENV } from '../data-key';
import { createKeyRing, type KeyRing } from '../key-ring';

export function teamKeyRing(env: Record<string, string | undefined>): KeyRing {
  if (!env[DATA_KEY_ENV]?.trim()) {
    throw new HookscopeError(
      'data_key_missing',
      `a team workspace needs ${DATA_KEY_ENV}: the same 32-byte key (base64) on every replica, e.g. from \`openssl rand -base64 32\` kept in your secret store`,
    );
  }
  // with the variable set, createDataKey reads only the environment (no file, no directory)
  return createKeyRing(createDataKey({ dataDir: '', env }).material);
}

export async function verifySharedKey(pool: Pool, ring: KeyRing): Promise<void> {
  const expected = ring.keyCheck();
  // the first replica's check value wins; replicas starting together cannot overwrite each other's
  await pool.query("INSERT INTO meta (key, value) VALUES ('key_check', $1) ON CONFLICT (key) DO NOTHING", [expected]);
  const { rows } = await pool.query<{ value: Buffer }>("SELECT value FROM meta WHERE key = 'key_check'");
  const stored = rows[0].value;
  if (stored.length !== expected.length || !timingSafeEqual(stored, expected)) {
    throw new HookscopeError('data_key_mismatch', `this replica's ${DATA_KEY_ENV} differs from the one the team database was started with: give every replica the same key`);
  }
}
