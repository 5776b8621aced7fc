/**
 * Journal appends on PostgreSQL (the team engine), one and two replicas' adapters on one database:
 * 1 KiB sealed entries, group-committed batches, the cluster-wide append lock included. Adapter only
 * (not the full receive path: `serve` runs on the SQLite store). A throwaway embedded PostgreSQL, or
 * HOOKSCOPE_TEST_PG_URL.   node --import tsx bench/pg-journal.ts    (BENCH_SECONDS, default 5)
 */
import { randomBytes } from 'node:crypto';
import { createPostgresAdapter, type PostgresAdapter } from '../electron/core/store/postgres/adapter';
import { startTestPostgres } from '../test/helpers/postgres';
import { entry } from '../test/electron/core/store/contract/storage-contract';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const BATCH = 32;
const IN_FLIGHT = 4;

async function run(adapters: PostgresAdapter[]): Promise<{ perSecond: number; p99BatchMs: number }> {
  const stopAt = Date.now() + seconds * 1000;
  let rows = 0;
  const latencies: number[] = [];
  const sealed = randomBytes(1100);
  await Promise.all(
    adapters.flatMap((a) =>
      Array.from({ length: IN_FLIGHT }, async () => {
        while (Date.now() < stopAt) {
          const batch = Array.from({ length: BATCH }, () => entry({ sealed, receivedAt: Date.now() }));
          const started = performance.now();
          await a.journal.append(batch, { deadlineMs: 30_000 });
          latencies.push(performance.now() - started);
          rows += BATCH;
        }
      }),
    ),
  );
  latencies.sort((x, y) => x - y);
  return { perSecond: rows / seconds, p99BatchMs: latencies[Math.floor(latencies.length * 0.99)] ?? 0 };
}

const server = await startTestPostgres();
try {
  // the test server runs with fsync=off (test/helpers/postgres.ts): figures are an upper bound for a real disk
  console.log(`PostgreSQL journal append — ${seconds} s per run, batches of ${BATCH}, ${IN_FLIGHT} in flight per replica, 1.1 KiB sealed${server.dataDir ? ', embedded server with fsync=off' : ''}`);
  for (const replicas of [1, 2]) {
    const url = await server.createDatabase();
    const adapters: PostgresAdapter[] = [];
    for (let i = 0; i < replicas; i++) adapters.push(await createPostgresAdapter({ url, clock: { now: () => Date.now() }, poolMax: IN_FLIGHT + 1, markDuplicate: (c) => c }));
    const empty = await adapters[0].sizeOnDisk();
    const r = await run(adapters);
    const bytes = (await adapters[0].sizeOnDisk()) - empty;
    const { rows } = await adapters[0].pool.query<{ n: number }>('SELECT count(*)::int AS n FROM deliveries');
    console.log(`${replicas} replica(s): ${Math.round(r.perSecond)} deliveries/s, p99 ${r.p99BatchMs.toFixed(1)} ms per batch, ${Math.round(bytes / rows[0].n)} B on disk per delivery`);
    for (const a of adapters) await a.close();
  }
} finally {
  await server.stop();
}
