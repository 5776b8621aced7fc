/**
 * The PostgreSQL adapter of the storage contract (store/contract.ts): the team engine. Any number of
 * `hookscope serve` replicas share one database; this adapter makes that safe (appends in commit
 * order, global idempotency keys, outbox claims, retention once) and tells each replica about the
 * others' appends through LISTEN/NOTIFY.
 */
import type { Pool } from 'pg';
import type { Clock } from '../../../../shared/verify/ports';
import type { StorageEngine } from '../contract';
import { createPgAudit } from './audit';
import { createPgJournal, type PgJournalOptions } from './journal';
import { createPgMeta } from './meta';
import { migratePostgres } from './migrate';
import { watchAppends, type AppendWatcher } from './notify';
import { createPgOutbox } from './outbox';
import { connectPg } from './pool';
import { purgeStepPg } from './retention';
import { verifySharedKey } from './shared-key';
import type { KeyRing } from '../key-ring';
import { createPgViews } from './views';

export interface PostgresAdapterOptions extends PgJournalOptions {
  url: string;
  clock: Clock;
  /** connections in the pool (default 10) */
  poolMax?: number;
  onError?: (message: string) => void;
  /** the team's key ring (shared-key.ts teamKeyRing): checked against the database at open */
  keyRing?: KeyRing;
}

export interface PostgresAdapter extends StorageEngine {
  readonly engine: 'postgres';
  readonly pool: Pool;
  /** fires after any replica's append commits (including this one's) */
  onAppended: AppendWatcher['onAppended'];
  /** fires after any replica saved the team config (including this one) */
  onConfigChanged: AppendWatcher['onConfigChanged'];
}

export async function createPostgresAdapter(options: PostgresAdapterOptions): Promise<PostgresAdapter> {
  const pool = await connectPg(options.url, { max: options.poolMax });
  let watcher: AppendWatcher;
  try {
    await migratePostgres(pool);
    if (options.keyRing) await verifySharedKey(pool, options.keyRing);
    watcher = await watchAppends(options.url, options.onError);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  let closed = false;
  return {
    engine: 'postgres',
    // a commit is on the server's disk before append resolves (synchronous_commit is PostgreSQL's default)
    durability: 'power',
    pool,
    journal: createPgJournal(pool, options),
    views: createPgViews(pool),
    outbox: createPgOutbox(pool),
    audit: createPgAudit(pool),
    meta: createPgMeta(pool),
    onAppended: (listener) => watcher.onAppended(listener),
    onConfigChanged: (listener) => watcher.onConfigChanged(listener),
    async purge(limits) {
      const step = await purgeStepPg(pool, limits, options.clock.now());
      return { deliveries: step.deliveries, bodies: step.bodies, keys: step.keys, done: step.done };
    },
    async sizeOnDisk() {
      const { rows } = await pool.query<{ size: number }>('SELECT pg_database_size(current_database()) AS size');
      return rows[0].size;
    },
    async close() {
      if (closed) return;
      closed = true;
      await watcher.close();
      await pool.end();
    },
  };
}
