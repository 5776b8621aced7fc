/**
 * The loopback HTTP transport of the local API (web and headless mode): POST /api/<method>,
 * GET /api/stream (SSE), and the built UI. Loopback only; bearer token; Host checked against
 * DNS rebinding; Origin checked; no CORS headers at all.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { RENDERER_CSP } from '../../../shared/csp';
import type { EventBus } from '../events/event-bus';
import type { Dispatch } from './dispatch';
import { OWNER, type Principal } from './roles';
import { resolveStatic } from './static-files';

const MAX_BODY = 12 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;

export interface ApiServerOptions {
  dispatch: Dispatch;
  events: Pick<EventBus, 'subscribe'>;
  /** the instance's own token: full access */
  token: string;
  /** team mode: the person behind another bearer token (per-person API tokens), or null */
  people?: (token: string) => Promise<Principal | null>;
  staticRoot: string | null;
  /** bind address (default 127.0.0.1; a team server in a container binds 0.0.0.0) */
  host?: string;
  /** team mode: the public origin(s) the team reaches this server at, e.g. https://hookscope.example.com */
  publicOrigins?: string[];
}

export interface ApiServer {
  listen(port: number): Promise<void>;
  url(): string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(.+)$/i.exec(h);
  return m ? m[1].trim() : null;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve({ ok: false, message: 'args: the request body is larger than 12 MiB' });
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve({ ok: true, value: {} });
      try {
        resolve({ ok: true, value: JSON.parse(text) });
      } catch {
        resolve({ ok: false, message: 'args: the request body is not valid JSON: send one JSON object' });
      }
    });
    req.on('error', () => resolve({ ok: false, message: 'args: the request body could not be read' }));
  });
}

export function createApiServer(opts: ApiServerOptions): ApiServer {
  let address: AddressInfo | null = null;
  const streams = new Set<ServerResponse>();

  const publicOrigins = (opts.publicOrigins ?? []).map((o) => new URL(o).origin.toLowerCase());
  const allowedHosts = (): Set<string> => {
    const port = address?.port;
    return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, ...publicOrigins.map((o) => new URL(o).host)]);
  };

  function checkHostAndOrigin(req: IncomingMessage): string | null {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts().has(host)) return 'Host not allowed: open Hookscope at the URL it printed (127.0.0.1 or localhost)';
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== 'null') {
      const allowed = [...allowedHosts()].map((h) => `http://${h}`).concat(publicOrigins);
      if (!allowed.includes(origin.toLowerCase())) return 'Cross-origin requests are not allowed';
    } else if (origin === 'null') {
      return 'Cross-origin requests are not allowed';
    }
    return null;
  }

  async function authenticate(token: string | null): Promise<Principal | null> {
    if (!token) return null;
    if (sameToken(token, opts.token)) return OWNER;
    return opts.people ? opts.people(token) : null;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const principal = await authenticate(bearer(req));
    if (!principal) {
      sendJson(res, 401, { ok: false, error: { code: 'unauthorized', message: 'Missing or wrong token: use the URL Hookscope printed at start (team mode: your personal token)' } });
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      sendJson(res, 405, { ok: false, error: { code: 'method_not_allowed', message: 'Use POST /api/<method> with a JSON body' } });
      return;
    }
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(type)) {
      sendJson(res, 415, { ok: false, error: { code: 'unsupported_media_type', message: 'Send Content-Type: application/json' } });
      return;
    }
    const body = await readJson(req);
    if (!body.ok) {
      sendJson(res, 200, { ok: false, error: { code: 'invalid_argument', message: body.message } });
      return;
    }
    const result = await opts.dispatch(method, body.value, principal);
    sendJson(res, 200, result);
  }

  async function handleStream(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!(await authenticate(bearer(req) ?? url.searchParams.get('token')))) {
      sendJson(res, 401, { ok: false, error: { code: 'unauthorized', message: 'Missing or wrong token' } });
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = opts.events.subscribe((event) => {
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  }

  function handleStatic(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { ok: false, error: { code: 'method_not_allowed', message: 'Only GET here' } });
      return;
    }
    const file = opts.staticRoot ? resolveStatic(opts.staticRoot, url.pathname) : null;
    if (!file) {
      if (url.pathname === '/' || url.pathname === '/index.html') {
        res.writeHead(503, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
        res.end('The Hookscope UI is not built yet: run `npm run build`, then reload. The API is available under /api/.');
        return;
      }
      res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.type, 'content-security-policy': RENDERER_CSP });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  const server: Server = createServer((req, res) => {
    const refused = checkHostAndOrigin(req);
    if (refused) {
      sendJson(res, 403, { ok: false, error: { code: 'forbidden', message: refused } });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'OPTIONS') {
      // No CORS: a preflight gets no Access-Control-* headers, so browsers refuse cross-origin calls.
      res.writeHead(204, SECURITY_HEADERS).end();
      return;
    }
    const failed = () => {
      if (!res.headersSent) sendJson(res, 200, { ok: false, error: { code: 'internal', message: 'Unexpected error' } });
    };
    if (url.pathname === '/api/stream' && req.method === 'GET') {
      handleStream(req, res, url).catch(failed);
      return;
    }
    const apiMatch = /^\/api\/([A-Za-z]+)$/.exec(url.pathname);
    if (apiMatch) {
      handleApi(req, res, apiMatch[1]).catch(failed);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      authenticate(bearer(req)).then((principal) => {
        if (!principal) sendJson(res, 401, { ok: false, error: { code: 'unauthorized', message: 'Missing or wrong token' } });
        else sendJson(res, 200, { ok: false, error: { code: 'unknown_method', message: `Unknown method path ${url.pathname.slice(0, 80)}` } });
      }, failed);
      return;
    }
    handleStatic(req, res, url);
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;

  return {
    listen(port) {
      return new Promise((resolve, reject) => {
        server.once('error', (e: NodeJS.ErrnoException) =>
          reject(new Error(e.code === 'EADDRINUSE' ? `Cannot start the UI server: port ${port} is in use; choose another with --ui-port (0 = any free port)` : `Cannot start the UI server: ${e.code}`)),
        );
        server.listen(port, opts.host ?? '127.0.0.1', () => {
          address = server.address() as AddressInfo;
          resolve();
        });
      });
    },
    url() {
      if (!address) throw new Error('API server not listening');
      return `http://127.0.0.1:${address.port}`;
    },
    close() {
      for (const s of streams) s.end();
      streams.clear();
      return new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
