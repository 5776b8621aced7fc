/** A stand-in for the developer's localhost dev server: records requests, answers what the test says. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface DevServer {
  url: string;
  requests: ReceivedRequest[];
  /** resolves with the next request (or one already received beyond `seen`) */
  nextRequest(seen?: number): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

export async function startDevServer(answer: { status: number; body: string; contentType?: string }): Promise<DevServer> {
  const requests: ReceivedRequest[] = [];
  const waiters: Array<() => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      // the count makes each response distinguishable (Compare diffs two of them)
      res.writeHead(answer.status, { 'Content-Type': answer.contentType ?? 'text/plain', 'X-Dev-Server': 'yes', 'X-Request-Count': String(requests.length) });
      res.end(answer.body);
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/blackbox`,
    requests,
    async nextRequest(seen = requests.length) {
      while (requests.length <= seen) await new Promise<void>((resolve) => waiters.push(resolve));
      return requests[seen];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
