/**
 * In-process micro-benchmark of the receive path's CPU (no HTTP, no SQLite): the check chain and the
 * journal entry (before the 200), and the deriver's row (after it), on the bench's 1 KiB signed BlackBox event.   node --import tsx bench/micro-receive.ts [iterations]
 */
import { configSchema } from '../shared/config';
import { createRedactor } from '../shared/redact';
import { runChain } from '../shared/verify/chain';
import type { ChainPorts, ChainSource, InboundRequest } from '../shared/verify/types';
import { nodeCryptoPort } from '../electron/core/crypto/node-crypto-port';
import { createKeyRing } from '../electron/core/store/key-ring';
import { deriveRow } from '../electron/core/derive/derive-row';
import { encodeChecks } from '../electron/core/ingest/check-codes';
import { toJournalEntry } from '../electron/core/ingest/journal-entry';
import { sealRaw } from '../electron/core/store/raw-envelope';
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
const makePool = (badSignature: boolean) => Array.from({ length: 2000 }, () => {
  const e = signedEvent();
  if (badSignature) e.headers['x-blackbox-signature'] = 'ab'.repeat(32);
  const headers: Array<[string, string]> = [['host', '127.0.0.1:8787'], ['Connection', 'keep-alive'], ['content-length', String(Buffer.byteLength(e.body))],
    ...Object.entries(e.headers)];
  return { body: new Uint8Array(Buffer.from(e.body)), headers };
});
const pool = makePool(false);
const badPool = makePool(true);
// the receiver's run: codes and numbers only (evidence and diagnosis are produced when a delivery is read)
const CODES_ONLY = { explain: false };

function inbound(i: number, from = pool): InboundRequest {
  const p = from[i % from.length];
  return { method: 'POST', target: '/hooks/blackbox', rawHeaders: p.headers, body: p.body, bodyTruncated: false, receivedAt: Date.now(),
    remoteAddress: '127.0.0.1', viaTunnel: false, publicBaseUrl: null, localBaseUrl: 'http://127.0.0.1:8787' };
}

function delivery(req: InboundRequest): NewDelivery {
  const out = runChain(req, source, ports, CODES_ONLY);
  return { id: newDeliveryId(req.receivedAt), receivedAt: req.receivedAt, sourceId: 'blackbox', method: req.method, target: req.target, headers: req.rawHeaders,
    rawBody: req.body, bodyTruncated: false, clientIp: out.clientIp, checks: out.checks, verdict: out.verdict, status: out.status, eventType: out.eventType,
    idempotencyKey: out.idempotencyKey, duplicateOf: out.duplicateOf, idempotencyExpiresAt: req.receivedAt + 86_400_000, forwardTarget: null };
}

const phases: Array<{ label: string; n: number; fn: (i: number) => void; runs: number[] }> = [];
function time(label: string, n: number, fn: (i: number) => void): void {
  phases.push({ label, n, fn, runs: [] });
}

/**
 * Each phase in ROUNDS short runs, the phases taking turns (a burst of other work on the machine then
 * spoils one run of each, not all of one phase): the minimum is the figure to compare, the median shows
 * the spread. CPU time of this process, not wall time.
 */
function report(rounds: number): void {
  for (const p of phases) for (let i = 0; i < 2000; i++) p.fn(i);
  for (let r = 0; r < rounds; r++) {
    for (const p of phases) {
      const count = Math.max(1, Math.round(p.n / rounds));
      const start = process.cpuUsage();
      for (let i = 0; i < count; i++) p.fn(i);
      const used = process.cpuUsage(start);
      p.runs.push((used.user + used.system) / count);
    }
  }
  for (const p of phases) {
    const sorted = [...p.runs].sort((a, b) => a - b);
    console.log(`${p.label.padEnd(28)} ${sorted[0].toFixed(1).padStart(6)} µs CPU (median ${sorted[sorted.length >> 1].toFixed(1)})`);
  }
}

const N = Number(process.argv[2] ?? 20000);
const d0 = delivery(inbound(0));
if (d0.verdict !== 'verified') throw new Error(JSON.stringify(d0.checks, null, 1));
const keyHash = ring.idempotency('blackbox', d0.idempotencyKey ?? 'k');
const entry0 = toJournalEntry(d0, ring, keyHash);
const record0 = { ...entry0, seq: 1, bodyKept: true };
// the request path: chain, then the journal entry (codes + one AES-GCM envelope)
time('runChain', N, (i) => runChain(inbound(i), source, ports, CODES_ONLY));
time('  bad signature', N / 4, (i) => runChain(inbound(i, badPool), source, ports, CODES_ONLY));
time('  bad signature, explained', N / 20, (i) => runChain(inbound(i, badPool), source, ports));
time('toJournalEntry', N, () => toJournalEntry(d0, ring, keyHash));
time('  encodeChecks', N, () => encodeChecks(d0.checks));
time('  sealRaw', N, () => sealRaw(ring, d0.id, d0.target, d0.headers, d0.rawBody));
time('request path (chain+entry)', N, (i) => toJournalEntry(delivery(inbound(i)), ring, keyHash));
// after the answer: the deriver's work per delivery
time('deriveRow (after the 200)', N, () => deriveRow(record0, redactor, ring));
report(Number(process.env.ROUNDS ?? 7));
