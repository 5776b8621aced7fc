/**
 * In-process micro-benchmark of the receive path's CPU (no HTTP, no SQLite): the check chain and
 * prepareDelivery on the bench's 1 KiB signed BlackBox event.   node --import tsx bench/micro-receive.ts
 */
import { writeFileSync } from 'node:fs';
import { configSchema } from '../shared/config';
import { createRedactor } from '../shared/redact';
import { runChain } from '../shared/verify/chain';
import type { ChainPorts, ChainSource, InboundRequest } from '../shared/verify/types';
import { nodeCryptoPort } from '../electron/core/crypto/node-crypto-port';
import { createKeyRing } from '../electron/core/store/key-ring';
import { prepareDelivery } from '../electron/core/store/sqlite/prepare-delivery';
import { newDeliveryId } from '../electron/core/store/delivery-id';
import type { NewDelivery } from '../electron/core/store/types';
import { BENCH_SECRET, signedEvent } from './lib/ingest-payload';

const cfg = configSchema.parse({ sources: [{ id: 'blackbox', provider: 'blackbox', secrets: ['env:BENCH_SECRET'], rateLimit: null }] });
const source: ChainSource = { config: cfg.sources[0], secrets: [{ value: BENCH_SECRET, label: 'secrets[0]', retiresAt: null }], authTokens: [] };
const ports: ChainPorts = {
  crypto: nodeCryptoPort,
  rateLimiter: { hit: () => ({ allowed: true, retryAfterSeconds: 0, count: 1 }) },
  idempotency: { lookup: () => null },
  otherSecrets: () => [],
};
const redactor = createRedactor(cfg.redaction);
const ring = createKeyRing(Buffer.alloc(32, 7));
const pool = Array.from({ length: 2000 }, () => {
  const e = signedEvent();
  const headers: Array<[string, string]> = [['host', '127.0.0.1:8787'], ['Connection', 'keep-alive'], ['content-length', String(Buffer.byteLength(e.body))],
    ...Object.entries(e.headers)];
  return { body: new Uint8Array(Buffer.from(e.body)), headers };
});

function inbound(i: number): InboundRequest {
  const p = pool[i % pool.length];
  return { method: 'POST', target: '/hooks/blackbox', rawHeaders: p.headers, body: p.body, bodyTruncated: false, receivedAt: Date.now(),
    remoteAddress: '127.0.0.1', viaTunnel: false, publicBaseUrl: null, localBaseUrl: 'http://127.0.0.1:8787' };
}

function delivery(req: InboundRequest): NewDelivery {
  const out = runChain(req, source, ports);
  return { id: newDeliveryId(req.receivedAt), receivedAt: req.receivedAt, sourceId: 'blackbox', method: req.method, target: req.target, headers: req.rawHeaders,
    rawBody: req.body, bodyTruncated: false, clientIp: out.clientIp, checks: out.checks, verdict: out.verdict, status: out.status, eventType: out.eventType,
    idempotencyKey: out.idempotencyKey, duplicateOf: out.duplicateOf, idempotencyExpiresAt: req.receivedAt + 86_400_000, forwardTarget: null };
}

function time(label: string, n: number, fn: (i: number) => void): void {
  for (let i = 0; i < 2000; i++) fn(i);
  // CPU time of this process, not wall time: stable when other work shares the machine
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) fn(i);
  const used = process.cpuUsage(start);
  console.log(`${label.padEnd(28)} ${((used.user + used.system) / n).toFixed(1)} µs CPU`);
}

const N = Number(process.argv[2] ?? 20000);
const d0 = delivery(inbound(0));
if (process.env.MICRO_SHOW) { writeFileSync("/tmp/checks.json", JSON.stringify(d0.checks)); writeFileSync("/tmp/body.json", Buffer.from(d0.rawBody).toString()); }
if (d0.verdict !== 'verified') throw new Error(JSON.stringify(d0.checks, null, 1));
if (process.env.MICRO_ONLY === 'chain') {
  time('runChain', N, (i) => runChain(inbound(i), source, ports));
  process.exit(0);
}
if (process.env.MICRO_ONLY) {
  time('chain + prepare', N, (i) => prepareDelivery(delivery(inbound(i)), redactor, ring));
  process.exit(0);
}
if (!process.env.MICRO_STORE && !process.env.MICRO_INDEX) time('runChain', N, (i) => runChain(inbound(i), source, ports));
time('prepareDelivery', N, () => prepareDelivery(d0, redactor, ring));
time('chain + prepare', N, (i) => prepareDelivery(delivery(inbound(i)), redactor, ring));
const text = Buffer.from(d0.rawBody).toString();
time('  redactor.body', N, () => redactor.body(text, 'application/json'));
const checksJson = JSON.stringify(d0.checks);
time('  redactor.json(checks)', N, () => redactor.json(checksJson));
time('  redactor.value(checks)', N, () => redactor.value(d0.checks));
time('  JSON.stringify(checks)', N, () => JSON.stringify(d0.checks));
time('  redactor.headers', N, () => redactor.headers(d0.headers));
time('  ring.seal 1 KiB', N, () => ring.seal(d0.rawBody, 'hookscope/raw/x'));
time('  ring.blind', N, () => ring.blind('14155550100'));
import { blindValuesOf } from '../electron/core/store/sqlite/search-indexer';
import { createHash } from 'node:crypto';
import { toSummary } from '../electron/core/store/sqlite/rows';
import { sealRaw } from '../electron/core/store/raw-envelope';
if (process.env.MICRO_DETAIL) {
  time('  blindValuesOf', N, () => blindValuesOf(text, d0.target, d0.headers));
  time('  sha256', N, () => createHash('sha256').update(d0.rawBody).digest('hex'));
  time('  redactor.target', N, () => redactor.target(d0.target));
  time('  redactor.text(ct)', N, () => redactor.text('application/json'));
  time('  redactor.text(event)', N, () => redactor.text(d0.eventType!));
  time('  redactor.text(idem)', N, () => redactor.text(d0.idempotencyKey!));
  time('  sealRaw', N, () => sealRaw(ring, d0.id, d0.target, d0.headers, d0.rawBody));
  const row = prepareDelivery(d0, redactor, ring).row;
  time('  toSummary', N, () => toSummary(row, d0.checks));
  time('  TextDecoder', N, () => new TextDecoder().decode(d0.rawBody));
}
if (process.env.MICRO_STORE) {
  const { createStore } = await import('../electron/core/store');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-micro-'));
  const store = createStore({ dataDir: dir, config: cfg, env: { HOOKSCOPE_DATA_KEY: Buffer.alloc(32, 7).toString('base64') }, clock: { now: () => Date.now() } });
  const batch = Number(process.env.MICRO_BATCH ?? 6);
  const rounds = Math.ceil(N / batch);
  let k = 0;
  // fill first, so the table and indexes are not tiny
  for (let r = 0; r < rounds; r++) {
    const ps: Array<Promise<void>> = [];
    for (let b = 0; b < batch; b++) ps.push(store.add(delivery(inbound(k++))));
    await Promise.all(ps);
  }
  const ds = Array.from({ length: N }, (_, i) => delivery(inbound(i)));
  k = 0;
  let t = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) {
    const ps: Array<Promise<void>> = [];
    for (let b = 0; b < batch; b++) ps.push(store.add(ds[k++ % ds.length]).catch(() => undefined));
    await Promise.all(ps);
  }
  console.log(`store.add (batch ${batch})`.padEnd(28), (Number(process.hrtime.bigint() - t) / 1000 / (rounds * batch)).toFixed(1), 'µs/row incl. prepare');
  t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) store.lookupIdempotency('blackbox', `miss-${i}`, Date.now());
  console.log('lookupIdempotency (miss)'.padEnd(28), (Number(process.hrtime.bigint() - t) / 1000 / N).toFixed(1), 'µs');
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
if (process.env.MICRO_INDEX) {
  // how long the trailing search indexer blocks the event loop for one of its batches
  const { createStore } = await import('../electron/core/store');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-micro-'));
  const store = createStore({ dataDir: dir, config: cfg, env: { HOOKSCOPE_DATA_KEY: Buffer.alloc(32, 7).toString('base64') }, clock: { now: () => Date.now() } });
  const rows = Number(process.env.MICRO_INDEX);
  for (let round = 0; round < 20; round++) {
    const ps: Array<Promise<void>> = [];
    for (let i = 0; i < rows; i++) ps.push(store.add(delivery(inbound(round * rows + i))));
    await Promise.all(ps);
    const t = process.hrtime.bigint();
    await store.flush();
    if (round >= 15) console.log(`index ${rows} rows: ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(2)} ms`);
  }
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
