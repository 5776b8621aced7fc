/**
 * The webhook receiver: node:http listeners that keep raw bytes and raw header order, run the
 * check chain, and answer only after the delivery is committed.
 *
 * One listener (config receiver.host:port); the tunnel forwards to it too. X-Forwarded-For /
 * X-Forwarded-Proto are trusted only on requests that carry the running tunnel session's secret
 * header (tunnel/tunnel-trust.ts) — anyone on the machine could send them otherwise.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { HookscopeConfig } from '../../../shared/config';
import { runChain } from '../../../shared/verify/chain';
import type { ChainPorts, ChainSource, InboundRequest, RateLimitPort } from '../../../shared/verify/types';
import type { CryptoPort } from '../../../shared/verify/ports';
import type { ConfigService } from '../config/config-service';
import type { DeliveryStore, NewDelivery } from '../store/types';
import type { Answer, RespondPlan, Responder } from '../ingest/respond';
import type { TunnelTrust } from '../tunnel/tunnel-trust';
import { pairRawHeaders } from './raw-headers';
import { readBody } from './read-body';
import { routeOf } from './route';
import { unmatchedChecks } from './unmatched';
import { writeAnswer } from './write-answer';

const UNMATCHED_BODY_LIMIT = 64 * 1024;
const CODES_ONLY = { explain: false } as const;

export interface ReceiverOptions {
  config: ConfigService;
  store: DeliveryStore;
  crypto: CryptoPort;
  rateLimiter: RateLimitPort;
  clock: { now(): number };
  newId: (now: number) => string;
  publicBaseUrl: () => string | null;
  /** tells tunnel requests from direct ones (and strips the tunnel's secret header) */
  tunnelTrust: Pick<TunnelTrust, 'take'>;
  /** called after a delivery queued for auto-forward is committed */
  onForwardQueued: () => void;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  timeouts?: ReceiverTimeouts;
  /** what the provider hears back per source (its `respond` config); without it: the chain's answer */
  respond?: Responder;
}

/** Slow clients (headers trickled, bodies dribbled) must not hold sockets forever. */
export interface ReceiverTimeouts {
  headersMs: number;
  requestMs: number;
}
export const DEFAULT_TIMEOUTS: ReceiverTimeouts = { headersMs: 10_000, requestMs: 30_000 };

export interface Receiver {
  listen(host: string, port: number): Promise<void>;
  localUrl(): string;
  /** loopback host:port the tunnel forwards to */
  forwardAddress(): string;
  close(): Promise<void>;
}

function hardenServer(server: Server, timeouts: ReceiverTimeouts): void {
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  server.keepAliveTimeout = 5_000;
  server.timeout = timeouts.requestMs;
  server.maxHeadersCount = 200;
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // Requests the HTTP parser cannot read never reach routing: answer and close.
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    // Destroy once the answer is flushed: a half-closed socket would stay open for as long as a
    // slow-loris client keeps dribbling bytes without reading.
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
    else socket.destroy();
  });
}

function listenOn(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is already in use: choose another with --receiver-port (0 = any free port)`
          : `${error.code ?? 'error'} while listening on ${host}:${port}`;
      reject(new Error(`Cannot start the receiver: ${why}`));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/**
 * The chain's answer headers (Content-Type, Retry-After on a 429) lower-cased, with the receiver's own: in
 * the order they were always sent, built without spreading one object into another (per request).
 */
function answerHeaders(chain: Record<string, string>, deliveryId: string): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const name in chain) {
    const lower = name.toLowerCase();
    if (lower !== 'content-type') headers[lower] = chain[name];
  }
  headers['x-hookscope-delivery-id'] = deliveryId;
  return headers;
}

function urlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

export function createReceiver(opts: ReceiverOptions): Receiver {
  const { config, store, clock } = opts;
  let direct: AddressInfo | null = null;

  const idempotency = { lookup: (sid: string, key: string, now: number) => store.lookupIdempotency(sid, key, now) };
  // the chain's ports per source (config.chainSource hands out the same object until the config changes)
  const ports = new WeakMap<ChainSource, ChainPorts>();
  const portsFor = (source: ChainSource): ChainPorts => {
    let p = ports.get(source);
    if (!p) {
      const id = source.config.id;
      p = { crypto: opts.crypto, rateLimiter: opts.rateLimiter, idempotency, otherSecrets: () => config.otherSecrets(id) };
      ports.set(source, p);
    }
    return p;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = clock.now();
    const target = req.url ?? '/';
    const { pathname, sourceId } = routeOf(target);
    if (pathname === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    const source = sourceId ? config.chainSource(sourceId) : null;
    const limit = source ? source.config.maxBodyBytes : UNMATCHED_BODY_LIMIT;
    const read = await readBody(req, limit);
    const rawHeaders = pairRawHeaders(req.rawHeaders);
    const viaTunnel = opts.tunnelTrust.take(rawHeaders);
    const id = opts.newId(receivedAt);
    const cfg: HookscopeConfig = config.current();

    let delivery: NewDelivery;
    let responseHeaders: Record<string, string> = {};
    let responseBody: string;
    let plan: RespondPlan | null = null;
    let chainStatus = 404;
    if (!source) {
      delivery = {
        id, receivedAt, sourceId: null, method: req.method ?? 'GET', target, headers: rawHeaders,
        rawBody: read.body, bodyTruncated: read.truncated, clientIp: req.socket.remoteAddress ?? '',
        checks: unmatchedChecks(pathname, cfg.sources.map((s) => s.id)),
        verdict: 'rejected', status: 404, eventType: null, idempotencyKey: null, duplicateOf: null,
        idempotencyExpiresAt: null, forwardTarget: null,
      };
      responseBody = '{"error":"Not Found"}';
    } else {
      const inbound: InboundRequest = {
        method: req.method ?? 'GET',
        target,
        rawHeaders,
        body: read.body,
        bodyTruncated: read.truncated,
        receivedAt,
        remoteAddress: req.socket.remoteAddress ?? '',
        viaTunnel,
        publicBaseUrl: viaTunnel ? opts.publicBaseUrl() : null,
        localBaseUrl: localUrl(),
      };
      // the journal keeps codes and numbers; evidence and diagnosis are produced when the delivery is read
      const out = runChain(inbound, source, portsFor(source), CODES_ONLY);
      const verifiedFirst = out.verdict === 'verified' && out.duplicateOf === null;
      const forward = source.config.forward;
      delivery = {
        id, receivedAt, sourceId: source.config.id, method: inbound.method, target, headers: rawHeaders,
        rawBody: read.body, bodyTruncated: read.truncated, clientIp: out.clientIp,
        checks: out.checks, verdict: out.verdict, status: out.status, eventType: out.eventType,
        idempotencyKey: out.idempotencyKey, duplicateOf: out.duplicateOf,
        idempotencyExpiresAt:
          verifiedFirst && out.idempotencyKey ? receivedAt + cfg.retention.idempotencyHours * 3_600_000 : null,
        forwardTarget: verifiedFirst && forward && forward.auto ? forward.url : null,
      };
      responseHeaders = out.responseHeaders;
      responseBody = out.responseBody;
      chainStatus = out.status;
      plan = read.aborted || !opts.respond ? null : opts.respond.plan(source, { status: out.status, verified: out.verdict === 'verified', idempotencyKey: out.idempotencyKey });
      // the stored status is what the provider will hear; a relayed delivery is forwarded as the answer
      if (plan) {
        delivery.status = plan.status;
        if (plan.relay) delivery.forwardTarget = null;
      }
    }

    if (read.aborted) {
      // Nobody is waiting for an answer; keep the evidence anyway.
      await store.add({ ...delivery, forwardTarget: null, idempotencyExpiresAt: null }).catch(() => undefined);
      return;
    }
    try {
      await store.add(delivery);
    } catch (error) {
      plan?.undo();
      opts.log('error', `Could not store a delivery (${(error as Error).name}): answering 503 so the provider retries`);
      writeAnswer(res, { status: 503, headers: { 'content-type': 'application/json', 'retry-after': '5' }, body: '{"error":"Service Unavailable"}' }, read.truncated);
      return;
    }
    const chainAnswer: Answer = { status: chainStatus, headers: answerHeaders(responseHeaders, id), body: responseBody };
    if (!plan) {
      writeAnswer(res, chainAnswer, read.truncated);
      if (delivery.forwardTarget) opts.onForwardQueued();
      return;
    }
    // committed: now the source's respond mode decides, and may hold the answer on purpose (the
    // auto-forward does not wait for it, and no socket timeout cuts it short)
    if (delivery.forwardTarget) opts.onForwardQueued();
    res.setTimeout(0);
    writeAnswer(res, await plan.answer(chainAnswer, { deliveryId: id, method: delivery.method, target, headers: rawHeaders, body: read.body }), read.truncated);
  }

  function makeServer(): Server {
    const timeouts = opts.timeouts ?? DEFAULT_TIMEOUTS;
    // Node checks header/request timeouts only every connectionsCheckingInterval (30 s by default).
    const checkEvery = Math.max(100, Math.min(1000, Math.floor(timeouts.headersMs / 2)));
    const server = createServer({ maxHeaderSize: 16 * 1024, connectionsCheckingInterval: checkEvery }, (req, res) => {
      handle(req, res).catch((error: Error) => {
        opts.log('error', `Receiver error: ${error.name}: ${error.message}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"error":"Internal Server Error"}');
      });
    });
    hardenServer(server, timeouts);
    return server;
  }

  // asked for on every request: computed once per listening address
  let localUrlOf: { address: AddressInfo; url: string } | null = null;
  function localUrl(): string {
    if (!direct) throw new Error('receiver not listening');
    const d = direct;
    if (localUrlOf?.address !== d) {
      const host = d.address === '0.0.0.0' || d.address === '::' ? '127.0.0.1' : d.address;
      localUrlOf = { address: d, url: urlOf({ ...d, address: host, family: host.includes(':') ? 'IPv6' : 'IPv4' }) };
    }
    return localUrlOf.url;
  }

  const directServer = makeServer();

  return {
    async listen(host, port) {
      direct = await listenOn(directServer, host, port);
    },
    localUrl,
    forwardAddress: () => new URL(localUrl()).host,
    close: () => closeServer(directServer),
  };
}
