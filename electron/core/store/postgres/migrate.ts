/**
 * Versioned migrations for PostgreSQL, applied once however many replicas start at the same time:
 * the first one takes a session advisory lock and migrates, the others wait on the lock and then
 * find nothing left to do. Each step runs in its own transaction and is recorded in schema_migrations.
 */
import type { Pool, PoolClient } from 'pg';
import { HookscopeError } from '../../../../shared/result';
import { LOCK_KEYS } from './locks';
import { PG_MIGRATIONS } from './migrations/index';
import type { PgMigration } from './migrations/types';


export const PG_LATEST_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1].version;

async function currentVersion(client: PoolClient): Promise<number> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
  return rows[0].v ?? 0;
}

/** Applies every migration above the database's version (up to `target`); returns the version after. */
export async function migratePostgres(pool: Pool, options: { target?: number; migrations?: readonly PgMigration[] } = {}): Promise<number> {
  const migrations = options.migrations ?? PG_MIGRATIONS;
  const latest = migrations[migrations.length - 1].version;
  const target = options.target ?? latest;
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [LOCK_KEYS.migrate]);
    try {
      const current = await currentVersion(client);
      if (current > latest) {
        throw new HookscopeError(
          'database_too_new',
          `the PostgreSQL database was migrated by a newer Hookscope (schema version ${current}, this one knows ${latest}): upgrade every replica to the same version`,
        );
      }
      for (const m of migrations) {
        if (m.version <= current || m.version > target) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new HookscopeError('migration_failed', `PostgreSQL migration ${m.version} (${m.name}) failed: ${(error as Error).message}`);
        }
      }
      return await currentVersion(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [LOCK_KEYS.migrate]);
    }
  } finally {
    client.release();
  }
}
