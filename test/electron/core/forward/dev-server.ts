/** A real dev server on 127.0.0.1 that records what it receives. */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  rawHeaders: Array<[string, string]>;
  body: Buffer;
  sha256: string;
}

export interface DevServer {
  port: number;
  url(path?: string): string;
  received: Received[];
  /** what to answer; default 200 {"ok":true} */
  respond: (req: Received, res: ServerResponse) => void;
  header(r: Received, name: string): string | undefined;
  close(): Promise<void>;
}

export async function startDevServer(port = 0): Promise<DevServer> {
  const received: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const rawHeaders: Array<[string, string]> = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) rawHeaders.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
      const r: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        rawHeaders,
        body,
        sha256: createHash('sha256').update(body).digest('hex'),
      };
      received.push(r);
      dev.respond(r, res);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  const dev: DevServer = {
    port: actual,
    url: (path = '/webhooks') => `http://127.0.0.1:${actual}${path}`,
    received,
    respond: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    },
    header(r, name) {
      return r.rawHeaders.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return dev;
}

/** A port on 127.0.0.1 where nothing listens (bound then released). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
