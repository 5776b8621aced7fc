/**
 * Issue 13: hostile input against the real receiver (a child `hookscope serve`, so a crash is an exit):
 * property-based requests (fast-check: headers, bodies, encodings, signatures) plus a fixed corpus
 * (deep nesting, invalid UTF-8, lying Content-Length, CL+TE, 10k headers, a slow body). Every run:
 * no crash, no 5xx, healthy after, nothing secret in the data directory. Bounded: 60 generated
 * requests, fixed seed, generous timeouts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { filesUnder } from '../../../helpers/files-under';
import { startChildServe } from '../../../helpers/child-serve';
import { blackboxEvent } from '../../../helpers/blackbox-event';

const SECRET = 'hostile-signing-secret-Q8w2Er6Ty0Ui4Op';
/** credentials the senders put anywhere (recognisable by format); the signing secret is never sent */
const SENT = ['sk_live_51HostileKey0123456789abcdefXYZ', 'ghp_Hostile0123456789abcdefghijABCDEFGHIJ'];
const LEAKS = [...SENT, SECRET];

/** raw bytes on a fresh socket; the status code of the first answer, 0 when the server just closed */
function raw(port: number, chunks: Array<Buffer | string>, gapMs = 0): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', async () => {
      for (const c of chunks) {
        if (socket.destroyed) break;
        socket.write(c);
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      }
    });
    let text = '';
    const done = () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0));
    socket.on('data', (c) => {
      text += c.toString('latin1');
      if (/\r\n\r\n/.test(text)) socket.destroy();
    });
    socket.on('close', done);
    socket.on('error', () => undefined);
    socket.setTimeout(60_000, () => socket.destroy());
  });
}

const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,30}$/);
const headerValue = fc.oneof(fc.string({ maxLength: 80 }).map((s) => s.replace(/[\r\n\0]/g, ' ')), fc.constantFrom(...SENT), fc.stringMatching(/^[0-9a-f]{64}$/));
const jsonish = fc.oneof(
  fc.json({ maxDepth: 6 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify({ event: 'CompletedWebHookPayload', timestamp: new Date().toISOString(), data: v, api_key: SENT[0] })),
  fc.string({ maxLength: 300 }),
);
const body = fc.oneof(
  jsonish.map((s) => Buffer.from(s, 'utf8')),
  fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)), // any bytes: invalid UTF-8 included
  fc.string({ maxLength: 200 }).map((s) => Buffer.from(s, 'latin1')), // another encoding
);
const signature = fc.oneof(fc.constant(null), fc.constant('valid'), fc.string({ maxLength: 70 }), fc.stringMatching(/^sha256=[0-9a-f]{0,70}$/));
const request = fc.record({
  path: fc.constantFrom('/hooks/blackbox', '/hooks/blackbox/', '/hooks/%E0%A4%A', '/hooks/nope', '/hooks/blackbox?token=' + SENT[0]),
  contentType: fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain; charset=iso-8859-1', 'application/json; charset=utf-16', ''),
  headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 12 }),
  body,
  signature,
});

test('generated and fixed hostile requests: no crash, no 5xx, healthy after, nothing secret on disk', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-hostile-'));
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ sources: [{ id: 'blackbox', provider: 'blackbox', secrets: ['env:BB'], rateLimit: null, maxBodyBytes: 65536 }] }));
  const dataDir = join(dir, 'data');
  const serve = await startChildServe(['--config', config, '--data-dir', dataDir], { BB: SECRET });
  const port = Number(new URL(serve.receiver).port);
  let exited = false;
  void serve.exited.then(() => (exited = true));
  const statuses: number[] = [];
  try {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers = new Headers();
        for (const [n, v] of r.headers) {
          try {
            headers.append(n, v);
          } catch {
            // a value fetch itself refuses is not sent
          }
        }
        if (r.contentType) headers.set('content-type', r.contentType);
        if (r.signature !== null) headers.set('x-blackbox-signature', r.signature === 'valid' ? createHmac('sha256', SECRET).update(r.body).digest('hex') : r.signature);
        const res = await fetch(`${serve.receiver}${r.path}`, { method: 'POST', headers, body: r.body });
        await res.arrayBuffer();
        statuses.push(res.status);
        return res.status < 500 && !exited;
      }),
      { numRuns: 60, seed: 13, endOnFailure: true },
    );

    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    const head = (extra: string) => `POST /hooks/blackbox HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${extra}`;
    const fixed: Array<[string, Promise<number>]> = [
      ['deep nesting', raw(port, [head(`Content-Length: ${deep.length}\r\n\r\n`), deep])],
      ['invalid UTF-8', raw(port, [head('Content-Length: 6\r\n\r\n'), Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d])])],
      ['Content-Length longer than the body', raw(port, [head('Content-Length: 500\r\nConnection: close\r\n\r\n{"a":1}')])],
      ['Content-Length shorter than the body', raw(port, [head('Content-Length: 2\r\n\r\n{"a":1}GET / HTTP/1.1\r\n\r\n')])],
      ['Content-Length and Transfer-Encoding', raw(port, [head('Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n')])],
      ['two Content-Lengths', raw(port, [head('Content-Length: 2\r\nContent-Length: 7\r\n\r\n{"a":1}')])],
      ['10k headers', raw(port, [head(Array.from({ length: 10_000 }, (_, i) => `X-H${i}: v\r\n`).join('') + 'Content-Length: 2\r\n\r\n{}')])],
      ['a slow body', raw(port, [head('Content-Length: 40\r\n\r\n'), ...Array.from({ length: 8 }, () => '{"x":1} ')], 150)],
    ];
    for (const [name, pending] of fixed) {
      const status = await pending;
      assert.ok(status < 500, `${name}: answered ${status}`);
      statuses.push(status);
    }
    const health = await fetch(`${serve.receiver}/healthz`);
    assert.equal(health.status, 200, 'healthy after');
    assert.equal(exited, false, 'still running');
    assert.equal(statuses.length, 60 + fixed.length, 'every request was answered or closed');
    const good = blackboxEvent(SECRET);
    const ok = await fetch(`${serve.receiver}/hooks/blackbox`, { method: 'POST', headers: good.headers, body: good.body });
    assert.equal(ok.status, 200, 'a correct delivery is still accepted');
  } finally {
    serve.child.kill('SIGTERM');
    await serve.exited;
  }
  try {
    const hits: string[] = [];
    for (const file of filesUnder(dataDir).filter((f) => !f.endsWith('data.key'))) {
      const bytes = readFileSync(file);
      for (const leak of LEAKS) if (bytes.includes(Buffer.from(leak))) hits.push(`${file}: ${leak.slice(0, 8)}…`);
    }
    for (const leak of LEAKS) if (serve.stderr().includes(leak)) hits.push(`log: ${leak.slice(0, 8)}…`);
    assert.deepEqual(hits, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
