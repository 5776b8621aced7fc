import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpSender, MAX_RESPONSE_BYTES } from '../../../../electron/core/forward/http-sender';
import { checkTarget, type LookupFn } from '../../../../electron/core/forward/target-policy';
import { freePort, startDevServer, type DevServer } from './dev-server';

const lookup: LookupFn = async (host) => {
  if (host === 'localhost' || host === 'rebind.test') return [{ address: '127.0.0.1', family: 4 }];
  throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
};
const target = (url: string) => checkTarget(url, { allowRemoteTargets: false, lookup });
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('http sender', () => {
  let dev: DevServer;
  const sender = createHttpSender();
  before(async () => {
    dev = await startDevServer();
  });
  after(async () => {
    sender.close();
    await dev.close();
  });

  test('sends the exact bytes with Content-Length from the buffer and headers in order', async () => {
    const bodies: Array<[string, Uint8Array]> = [
      ['json', new TextEncoder().encode('{"b":1,  "a":[true,null],"s":"x\\u00e9"}\n')],
      ['form', new TextEncoder().encode('CallSid=CA1&From=%2B14158675309&Body=It%27s+amazing')],
      ['utf8', new TextEncoder().encode('{"name":"Zoë 日本語 🎉","note":"ß"}')],
      ['binary', Uint8Array.from({ length: 512 }, (_, i) => (i * 7) % 256)],
    ];
    for (const [kind, body] of bodies) {
      const result = await sender.send({
        target: await target(`http://localhost:${dev.port}/webhooks/${kind}?q=1`),
        method: 'POST',
        headers: [['Host', `localhost:${dev.port}`], ['Z-Last', '1'], ['A-First', '2'], ['Content-Type', 'application/octet-stream'], ['Content-Length', '999']],
        body,
      });
      assert.equal(result.status, 200, kind);
      assert.equal(result.error, null);
      const got = dev.received.at(-1)!;
      assert.equal(got.sha256, sha(body), kind);
      assert.equal(got.url, `/webhooks/${kind}?q=1`);
      assert.equal(dev.header(got, 'content-length'), String(body.byteLength));
      const names = got.rawHeaders.map(([n]) => n);
      assert.deepEqual(names.slice(0, 4), ['Host', 'Z-Last', 'A-First', 'Content-Type']);
      assert.equal(names.filter((n) => n.toLowerCase() === 'content-length').length, 1);
    }
  });

  test('connects to the pinned address, not a fresh lookup of the name', async () => {
    // rebind.test exists only in the injected lookup; a second real lookup would fail
    const result = await sender.send({
      target: await target(`http://rebind.test:${dev.port}/x`),
      method: 'POST',
      headers: [['Host', `rebind.test:${dev.port}`]],
      body: new Uint8Array([1]),
    });
    assert.equal(result.status, 200);
    assert.equal(dev.header(dev.received.at(-1)!, 'host'), `rebind.test:${dev.port}`);
  });

  test('records status, response headers (cookies masked) and at most 64 KiB of the body', async () => {
    dev.respond = (_r, res) => {
      res.writeHead(503, { 'content-type': 'text/plain', 'set-cookie': 'session=abc', 'x-dev': 'yes' });
      res.end(Buffer.alloc(1024 * 1024, 0x61));
    };
    try {
      const result = await sender.send({ target: await target(`http://localhost:${dev.port}/big`), method: 'POST', headers: [], body: new Uint8Array() });
      assert.equal(result.status, 503);
      assert.equal(result.error, null);
      assert.equal(result.responseBody.length, MAX_RESPONSE_BYTES);
      assert.ok(result.responseHeaders.some(([n, v]) => n.toLowerCase() === 'x-dev' && v === 'yes'));
      assert.deepEqual(result.responseHeaders.find(([n]) => n.toLowerCase() === 'set-cookie'), ['set-cookie', '«redacted»']);
      assert.ok(result.durationMs >= 0);
    } finally {
      dev.respond = (_r, res) => res.writeHead(200).end('ok');
    }
  });

  test('times the answer: headers first (the handler), then the whole body; no answer has no header time', async () => {
    dev.respond = (_r, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first part ');
      setTimeout(() => res.end('and the rest'), 300);
    };
    try {
      const result = await sender.send({ target: await target(`http://localhost:${dev.port}/slow-body`), method: 'POST', headers: [], body: new Uint8Array([1]) });
      assert.equal(result.responseBody, 'first part and the rest');
      assert.equal(typeof result.headersMs, 'number');
      assert.ok(result.headersMs! <= result.durationMs, `headers (${result.headersMs} ms) arrive within the whole answer (${result.durationMs} ms)`);
      assert.ok(result.durationMs >= 290, 'the duration covers the body sent 300 ms after the headers');
    } finally {
      dev.respond = (_r, res) => res.writeHead(200).end('ok');
    }
    const port = await freePort();
    const refused = await sender.send({ target: await target(`http://localhost:${port}/x`), method: 'POST', headers: [], body: new Uint8Array([1]) });
    assert.equal(refused.headersMs, null);
  });

  test('a refused connection is a clear error naming the port', async () => {
    const port = await freePort();
    const result = await sender.send({ target: await target(`http://localhost:${port}/x`), method: 'POST', headers: [], body: new Uint8Array([1]) });
    assert.equal(result.status, null);
    assert.equal(result.error, `connection refused: is your dev server running on port ${port}?`);
  });

  test('a dev server that never answers times out with the timeout in the message', async () => {
    dev.respond = () => undefined;
    try {
      const result = await sender.send({ target: await target(`http://localhost:${dev.port}/slow`), method: 'POST', headers: [], body: new Uint8Array([1]), timeoutMs: 150 });
      assert.equal(result.status, null);
      assert.match(result.error ?? '', /^no answer within 150 ms/);
    } finally {
      dev.respond = (_r, res) => res.writeHead(200).end('ok');
    }
  });
});

test('https to a loopback dev server with a self-signed certificate: SNI is the host name, bytes exact', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-tls-'));
  const sender = createHttpSender();
  try {
    const made = spawnSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ]);
    assert.equal(made.status, 0, made.stderr.toString());
    let servername: string | undefined;
    let digest = '';
    const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
      servername = (req.socket as TLSSocket).servername || undefined;
      const hash = createHash('sha256');
      req.on('data', (c: Buffer) => hash.update(c));
      req.on('end', () => {
        digest = hash.digest('hex');
        res.writeHead(201).end('created');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const port = (server.address() as AddressInfo).port;
      const body = new TextEncoder().encode('{"tls":"✓"}');
      const result = await sender.send({ target: await target(`https://localhost:${port}/hook`), method: 'POST', headers: [], body });
      assert.equal(result.error, null);
      assert.equal(result.status, 201);
      assert.equal(servername, 'localhost');
      assert.equal(digest, sha(body));
    } finally {
      sender.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
