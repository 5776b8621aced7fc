/** Small values kept next to the data (key check, schema facts) on PostgreSQL. */
import type { Pool } from 'pg';
import type { MetaStore } from '../contract';

export function createPgMeta(pool: Pool): MetaStore {
  return {
    async get(key) {
      const { rows } = await pool.query<{ value: Buffer }>('SELECT value FROM meta WHERE key = $1', [key]);
      return rows[0] ? new Uint8Array(rows[0].value) : null;
    },
    async set(key, value) {
      await pool.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
        key, Buffer.from(value.buffer, value.byteOffset, value.byteLength),
      ]);
    },
  };
}
