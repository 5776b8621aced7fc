import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HookscopeApi } from '../../../../shared/api';
import { HookscopeError } from '../../../../shared/result';
import { createDispatcher } from '../../../../electron/core/api/dispatch';
import { createApiServer, type ApiServer } from '../../../../electron/core/api/http-transport';
import { createEventBus } from '../../../../electron/core/events/event-bus';

const TOKEN = 'test-token-0123456789abcdef';
const calls: unknown[] = [];
const api = {
  async listAudit(args: unknown) {
    calls.push(args);
    return { items: [] };
  },
  async getDelivery({ id }: { id: string }) {
    throw new HookscopeError('not_found', `No delivery with id ${id}`);
  },
  async getStatus() {
    throw new Error('boom with secret s3cr3t');
  },
} as unknown as HookscopeApi;

const events = createEventBus();
let server: ApiServer;
let port = 0;
let root = '';

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'hookscope-ui-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Hookscope</title>');
  server = createApiServer({ dispatch: createDispatcher(api), events, token: TOKEN, staticRoot: root });
  await server.listen(0);
  port = Number(new URL(server.url()).port);
});
after(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

function call(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'POST', headers: { 'content-type': 'application/json', ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
const auth = { authorization: `Bearer ${TOKEN}` };

test('a call with the token gets a Result envelope with the value', async () => {
  const r = await call('/api/listAudit', { headers: auth, body: '{"limit":5}' });
  assert.equal(r.status, 200);
  assert.deepEqual(JSON.parse(r.body), { ok: true, value: { items: [] } });
  assert.deepEqual(calls.at(-1), { limit: 5 });
  assert.equal(r.headers['access-control-allow-origin'], undefined);
});

test('missing or wrong token → 401', async () => {
  assert.equal((await call('/api/listAudit', { body: '{}' })).status, 401);
  assert.equal((await call('/api/listAudit', { headers: { authorization: 'Bearer nope' }, body: '{}' })).status, 401);
  assert.equal((await call('/api/stream?token=nope', { method: 'GET' })).status, 401);
});

test('unknown method, bad argument and invalid JSON are error envelopes that name the problem', async () => {
  const unknown = JSON.parse((await call('/api/dropTables', { headers: auth, body: '{}' })).body);
  assert.equal(unknown.error.code, 'unknown_method');
  const bad = JSON.parse((await call('/api/listAudit', { headers: auth, body: '{"limit":"ten"}' })).body);
  assert.equal(bad.error.code, 'invalid_argument');
  assert.match(bad.error.message, /^args\.limit: /);
  const extra = JSON.parse((await call('/api/listAudit', { headers: auth, body: '{"limt":1}' })).body);
  assert.match(extra.error.message, /unknown field\(s\) "limt"/);
  const json = JSON.parse((await call('/api/listAudit', { headers: auth, body: '{nope' })).body);
  assert.equal(json.error.code, 'invalid_argument');
});

test('handler errors keep their code; unexpected ones never leak their message', async () => {
  const nf = JSON.parse((await call('/api/getDelivery', { headers: auth, body: '{"id":"x1"}' })).body);
  assert.deepEqual(nf.error, { code: 'not_found', message: 'No delivery with id x1' });
  const internal = await call('/api/getStatus', { headers: auth, body: '{}' });
  assert.equal(JSON.parse(internal.body).error.code, 'internal');
  assert.ok(!internal.body.includes('s3cr3t'));
});

test('Host (DNS rebinding) and Origin are checked', async () => {
  const rebind = await call('/api/listAudit', { headers: { ...auth, host: `evil.example:${port}` }, body: '{}' });
  assert.equal(rebind.status, 403);
  const cross = await call('/api/listAudit', { headers: { ...auth, origin: 'http://evil.example' }, body: '{}' });
  assert.equal(cross.status, 403);
  const same = await call('/api/listAudit', { headers: { ...auth, origin: `http://127.0.0.1:${port}` }, body: '{}' });
  assert.equal(same.status, 200);
  const preflight = await call('/api/listAudit', { method: 'OPTIONS', headers: { origin: `http://127.0.0.1:${port}` } });
  assert.equal(preflight.headers['access-control-allow-origin'], undefined);
});

test('serves the UI with a strict CSP, refuses traversal', async () => {
  const page = await call('/', { method: 'GET' });
  assert.equal(page.status, 200);
  assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
  assert.equal((await call('/..%2F..%2Fetc%2Fpasswd', { method: 'GET' })).status, 404);
});

test('the SSE stream pushes events by name', async () => {
  const received = await new Promise<string>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: `/api/stream?token=${TOKEN}`, method: 'GET' }, (res) => {
      assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString();
        if (text.includes(': connected')) events.emit('configChanged', {});
        if (text.includes('event: configChanged')) {
          req.destroy();
          resolve(text);
        }
      });
    });
    req.on('error', (e) => (e.message.includes('aborted') ? undefined : reject(e)));
    req.end();
  });
  assert.match(received, /event: configChanged\ndata: \{\}\n\n/);
});
