/** Load generation with autocannon (10 connections on loopback, bounded in time or count). */
import autocannon from 'autocannon';
import { signedEvent } from './ingest-payload';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
}

/** Signing in the load loop would make the client the bottleneck: sign a pool up front. */
function signedPool(size: number): Array<{ body: string; headers: Record<string, string> }> {
  return Array.from({ length: size }, () => signedEvent());
}

/** rate: requests per second over all connections (open loop), so two builds compare at the same load; default as fast as answered */
export function loadSignedEvents(url: string, opts: LoadOptions): Promise<LoadResult> {
  return prepareSignedLoad(url, opts)();
}

interface LoadOptions {
  seconds?: number;
  amount?: number;
  connections?: number;
  rate?: number;
}

/**
 * Signs the run's events now and returns the run. Loads that run side by side (two replicas) are all
 * prepared first: signing a pool blocks this process for seconds, which would stall a run already going.
 */
export function prepareSignedLoad(url: string, opts: LoadOptions): () => Promise<LoadResult> {
  // every request of a counted run is a new event (no duplicates); timed runs wrap after 60,000
  const pool = signedPool(opts.amount ? Math.min(opts.amount, 200_000) : 60_000);
  return () => runLoad(url, opts, pool);
}

async function runLoad(url: string, opts: LoadOptions, pool: Array<{ body: string; headers: Record<string, string> }>): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections: opts.connections ?? 10,
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.seconds ?? 5 }),
    requests: [
      {
        setupRequest: (req: Record<string, unknown>) => {
          const { body, headers } = pool[next++ % pool.length];
          return { ...req, method: 'POST', body, headers };
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
