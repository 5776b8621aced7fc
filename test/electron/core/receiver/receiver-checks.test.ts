/** Issue 2: auth token, IP allowlist, rate limit, body limit, invalid JSON and unknown paths — over HTTP. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { send, startFixture, type Fixture } from '../../../helpers/serve-fixture';

const SECRET = 'blackbox-secret-0123456789abcdef01234';
const TOKEN = 'auth-token-0123456789abcdef0123456789';

function blackbox(extra: Record<string, unknown> = {}): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({ event: 'CompletedWebHookPayload', eventId: randomUUID(), timestamp: new Date().toISOString(), data: { callId: randomUUID(), agentId: 'a1' }, ...extra });
  return { body, headers: { 'content-type': 'application/json', 'x-blackbox-signature': createHmac('sha256', SECRET).update(body).digest('hex') } };
}

let fx: Fixture;
before(async () => {
  fx = await startFixture(
    {
      sources: [
        { id: 'auth', provider: 'blackbox', secrets: ['env:BB'], authTokens: ['env:TOKEN'], rateLimit: null },
        { id: 'ips', provider: 'blackbox', secrets: ['env:BB'], allowIps: ['52.202.195.162/32', '2001:db8::/32'], rateLimit: null },
        { id: 'loopback-ok', provider: 'blackbox', secrets: ['env:BB'], allowIps: ['127.0.0.0/8', '::1/128'], rateLimit: null },
        { id: 'limited', provider: 'blackbox', secrets: ['env:BB'], rateLimit: { max: 3, windowSeconds: 60 } },
        { id: 'small', provider: 'blackbox', secrets: ['env:BB'], maxBodyBytes: 1024, rateLimit: null },
        { id: 'observe', provider: 'blackbox', secrets: ['env:BB'], mode: 'observe', rateLimit: null },
      ],
    },
    { BB: SECRET, TOKEN },
  );
});
after(() => fx.close());

async function detailOf(deliveryId: string | null) {
  assert.ok(deliveryId);
  return fx.api('getDelivery', { id: deliveryId });
}
const code = (d: { checks: Array<{ id: string; code: string; outcome: string }> }, id: string) => d.checks.find((c) => c.id === id)?.code;

test('auth token: missing → 401 missing_token; wrong → wrong_token; ?token= and X-Auth-Token pass', async () => {
  const e = blackbox();
  const missing = await send(`${fx.receiver}/hooks/auth`, { headers: e.headers, body: e.body });
  assert.equal(missing.status, 401);
  assert.equal(code(await detailOf(missing.deliveryId), 'auth-token'), 'missing_token');
  const wrong = await send(`${fx.receiver}/hooks/auth?token=nope`, { headers: e.headers, body: e.body });
  assert.equal(code(await detailOf(wrong.deliveryId), 'auth-token'), 'wrong_token');
  const q = blackbox();
  const viaQuery = await send(`${fx.receiver}/hooks/auth?token=${TOKEN}`, { headers: q.headers, body: q.body });
  assert.equal(viaQuery.status, 200);
  const h = blackbox();
  const viaHeader = await send(`${fx.receiver}/hooks/auth`, { headers: { ...h.headers, 'x-auth-token': TOKEN }, body: h.body });
  assert.equal(viaHeader.status, 200);
  const stored = await detailOf(viaQuery.deliveryId);
  assert.ok(!stored.path.includes(TOKEN), 'the token is redacted from the stored path');
  assert.ok(!JSON.stringify(await detailOf(viaHeader.deliveryId)).includes(TOKEN), 'the token is redacted from stored headers');
});

test('IP allowlist: a direct loopback client is refused, and a spoofed X-Forwarded-For changes nothing', async () => {
  const e = blackbox();
  const spoofed = await send(`${fx.receiver}/hooks/ips`, { headers: { ...e.headers, 'x-forwarded-for': '52.202.195.162' }, body: e.body });
  assert.equal(spoofed.status, 403);
  const d = await detailOf(spoofed.deliveryId);
  const ip = d.checks.find((c) => c.id === 'source-ip')!;
  assert.equal(ip.code, 'not_allowed');
  assert.equal(ip.detail.forwardedForIgnored, true);
  assert.notEqual(d.clientIp, '52.202.195.162');
  const ok = blackbox();
  assert.equal((await send(`${fx.receiver}/hooks/loopback-ok`, { headers: ok.headers, body: ok.body })).status, 200);
});

test('rate limit: the 4th request in the window → 429 exceeded with Retry-After', async () => {
  const statuses: number[] = [];
  let last = null;
  for (let i = 0; i < 4; i++) {
    const e = blackbox();
    last = await send(`${fx.receiver}/hooks/limited`, { headers: e.headers, body: e.body });
    statuses.push(last.status);
  }
  assert.deepEqual(statuses, [200, 200, 200, 429]);
  const retryAfter = Number(last!.headers.get('retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  assert.equal(code(await detailOf(last!.deliveryId), 'rate-limit'), 'exceeded');
});

test('body limit: 413 too_large without reading the rest, and the server stays healthy', async () => {
  const big = 'x'.repeat(5000);
  const res = await send(`${fx.receiver}/hooks/small`, { headers: { 'content-type': 'application/json', 'x-blackbox-signature': 'ab' }, body: JSON.stringify({ big }) });
  assert.equal(res.status, 413);
  const d = await detailOf(res.deliveryId);
  assert.equal(code(d, 'payload'), 'too_large');
  // A client that declares 10 MB and never sends it gets its 413 at once, without the body.
  const port = Number(new URL(fx.receiver).port);
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('POST /hooks/small HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n{"a":');
    });
    let text = '';
    socket.on('data', (c) => {
      text += c.toString();
      if (text.includes('\r\n\r\n')) {
        socket.destroy();
        resolve(text);
      }
    });
    socket.on('error', reject);
  });
  assert.match(answer, /^HTTP\/1\.1 413/);
  assert.equal((await fetch(`${fx.receiver}/healthz`)).status, 200);
});

test('invalid JSON with a correct signature → 400 invalid_body', async () => {
  const body = '{"event": "CompletedWebHookPayload", broken';
  const res = await send(`${fx.receiver}/hooks/auth?token=${TOKEN}`, { headers: { 'content-type': 'application/json', 'x-blackbox-signature': createHmac('sha256', SECRET).update(body).digest('hex') }, body });
  assert.equal(res.status, 400);
  assert.equal(code(await detailOf(res.deliveryId), 'payload'), 'invalid_body');
});

test('unknown path → 404, still recorded as unmatched with a hint', async () => {
  const e = blackbox();
  const res = await send(`${fx.receiver}/hooks/blackbx`, { headers: e.headers, body: e.body });
  assert.equal(res.status, 404);
  const d = await detailOf(res.deliveryId);
  assert.equal(d.sourceId, null);
  assert.match(d.checks[0].summary, /\/hooks\/auth/);
  const list = await fx.api('listDeliveries', { sourceId: 'unmatched' });
  assert.ok(list.items.some((i) => i.id === res.deliveryId));
});

test('observe mode: a bad signature is answered 200 but recorded as rejected', async () => {
  const e = blackbox();
  const res = await send(`${fx.receiver}/hooks/observe`, { headers: { ...e.headers, 'x-blackbox-signature': '00'.repeat(32) }, body: e.body });
  assert.equal(res.status, 200);
  const d = await detailOf(res.deliveryId);
  assert.equal(d.verdict, 'rejected');
  assert.equal(code(d, 'signature'), 'no_matching_signature');
});

test('a trailing newline added after signing is diagnosed as body_whitespace over HTTP', async () => {
  const e = blackbox();
  const res = await send(`${fx.receiver}/hooks/auth?token=${TOKEN}`, { headers: e.headers, body: `${e.body}\n` });
  assert.equal(res.status, 401);
  const sig = (await detailOf(res.deliveryId)).checks.find((c) => c.id === 'signature')!;
  assert.ok(sig.diagnosis.some((x) => x.code === 'body_whitespace'), JSON.stringify(sig.diagnosis));
});

/** the raw answer to one request on a fresh socket: status line and headers as sent, in order */
function rawAnswer(path: string, e: { body: string; headers: Record<string, string> }): Promise<string> {
  const port = Number(new URL(fx.receiver).port);
  return new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      const head = Object.entries(e.headers).map(([n, v]) => `${n}: ${v}\r\n`).join('');
      socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\n${head}Content-Length: ${Buffer.byteLength(e.body)}\r\n\r\n${e.body}`);
    });
    let text = '';
    socket.on('data', (c) => {
      text += c.toString();
      const end = text.indexOf('\r\n\r\n');
      if (end >= 0 && text.length >= end + 4 + Number(/content-length: (\d+)/i.exec(text)?.[1] ?? 0)) {
        socket.destroy();
        resolve(text);
      }
    });
    socket.on('error', reject);
    socket.setTimeout(30_000, () => reject(new Error('no answer within 30 s')));
  });
}

test('the answer carries one Content-Type and a Content-Length (no chunked framing), for 200 and 4xx alike', async () => {
  const good = blackbox();
  const bad = { ...blackbox(), headers: { 'content-type': 'application/json', 'x-blackbox-signature': '00'.repeat(32) } };
  for (const [e, status, body] of [[good, 200, '{"success":true}'], [bad, 401, '{"error":"Unauthorized"}']] as const) {
    const text = await rawAnswer(status === 200 ? '/hooks/loopback-ok' : '/hooks/auth?token=' + TOKEN, e);
    const [head, rest] = text.split('\r\n\r\n');
    assert.match(head, new RegExp(`^HTTP/1\\.1 ${status} `));
    assert.equal(head.match(/^content-type:/gim)?.length, 1, head);
    assert.match(head, new RegExp(`^content-length: ${Buffer.byteLength(body)}$`, 'im'));
    assert.doesNotMatch(head, /^transfer-encoding:/im);
    assert.match(head, /^x-hookscope-delivery-id: [0-9A-Z]{26}$/im);
    assert.equal(rest, body);
  }
});
