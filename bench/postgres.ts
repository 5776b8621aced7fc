/**
 * Ingest with the team engine: `hookscope serve --store postgres://…` with one replica and with two
 * replicas on one database (the load split across them), on the embedded PostgreSQL the tests use.
 * Same payload and connection count as the SQLite rows, so the figures sit side by side.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPostgres } from '../test/helpers/postgres';
import { BENCH_SECRET } from './lib/ingest-payload';
import { startChild, type ChildServer } from './lib/child-server';
import { loadSignedEvents, prepareSignedLoad, type LoadResult } from './lib/load';

export interface BenchRow {
  figure: string;
  value: string;
  target: string;
}

function startReplica(root: string, name: string, url: string): Promise<ChildServer> {
  const configPath = join(root, 'bench-config.json');
  writeFileSync(configPath, JSON.stringify({ sources: [{ id: 'blackbox', provider: 'blackbox', secrets: ['env:BENCH_SECRET'], rateLimit: null }] }));
  return startChild(
    process.execPath,
    ['bin/hookscope.mjs', 'serve', '--json', '--config', configPath, '--data-dir', join(root, name), '--store', url, '--receiver-port', '0', '--ui-port', '0', '--no-tunnel'],
    { BENCH_SECRET, HOOKSCOPE_DATA_KEY: Buffer.alloc(32, 7).toString('base64') },
  );
}

const line = (r: LoadResult): string => `${Math.round(r.requestsPerSecond).toLocaleString('en-US')} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms (${r.non2xx} non-2xx, ${r.errors} errors)`;

export async function benchPostgres(seconds: number): Promise<BenchRow[]> {
  const server = await startTestPostgres();
  const root = mkdtempSync(join(tmpdir(), 'hookscope-bench-pg-'));
  const rows: BenchRow[] = [];
  try {
    const one = await startReplica(root, 'one', await server.createDatabase());
    try {
      const r = await loadSignedEvents(`${one.info.receiver}/hooks/blackbox`, { seconds });
      rows.push({ figure: 'Hookscope on PostgreSQL, 1 replica, 10 conn', value: line(r), target: '' });
    } finally {
      await one.stop();
    }
    const url = await server.createDatabase();
    const a = await startReplica(root, 'a', url);
    const b = await startReplica(root, 'b', url);
    try {
      // the load split across the replicas (5 connections each), as a proxy in front of them would
      // both pools signed before either run starts (signing one stalls this process, and a run already going with it)
      const runs = [a, b].map((s) => prepareSignedLoad(`${s.info.receiver}/hooks/blackbox`, { seconds, connections: 5 }));
      const [ra, rb] = await Promise.all(runs.map((run) => run()));
      const total = { ...ra, requestsPerSecond: ra.requestsPerSecond + rb.requestsPerSecond, p50: Math.max(ra.p50, rb.p50), p99: Math.max(ra.p99, rb.p99), non2xx: ra.non2xx + rb.non2xx, errors: ra.errors + rb.errors };
      rows.push({ figure: 'Hookscope on PostgreSQL, 2 replicas, 5+5 conn (worst p50/p99)', value: line(total), target: '' });
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  } finally {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
  return rows;
}
