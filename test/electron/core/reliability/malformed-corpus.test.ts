/** docs/architecture.md "Reliability and security guarantees": a corpus of malformed requests — no crash, no 5xx, each recorded with a clear code, healthy after. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { createHmac } from 'node:crypto';
import { blackboxEvent } from '../../../helpers/blackbox-event';
import { startFixture, type Fixture } from '../../../helpers/serve-fixture';

const SECRET = 'corpus-secret-0123456789abcdef012345';
let fx: Fixture;
let port = 0;
before(async () => {
  fx = await startFixture(
    { sources: [{ id: 'blackbox', provider: 'blackbox', secrets: ['env:BB'], rateLimit: null, maxBodyBytes: 65536, allowIps: ['127.0.0.0/8', '::1/128'] }] },
    { BB: SECRET },
  );
  port = Number(new URL(fx.receiver).port);
});
after(() => fx.close());

/** Writes raw bytes on a fresh socket; resolves with the status line (or '' if the server closed). */
function raw(bytes: Buffer | string, { endAfterWrite = false } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(bytes);
      if (endAfterWrite) socket.end();
    });
    let text = '';
    socket.on('data', (c) => {
      text += c.toString('latin1');
    });
    socket.on('close', () => resolve(text.split('\r\n')[0] ?? ''));
    socket.on('error', () => resolve(text.split('\r\n')[0] ?? ''));
    socket.setTimeout(5000, () => socket.destroy());
  });
}

function request(body: Buffer | string, headers: Record<string, string>): string {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const head = Object.entries({ host: 'localhost', 'content-length': String(buf.length), connection: 'close', ...headers })
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  return `POST /hooks/blackbox HTTP/1.1\r\n${head}\r\n\r\n${buf.toString('latin1')}`;
}

const sign = (b: Buffer | string) => createHmac('sha256', SECRET).update(b).digest('hex');

test('the corpus: every request answered without 5xx (or refused by the HTTP parser), recorded with a clear code', async () => {
  const valid = blackboxEvent(SECRET);
  const invalidUtf8 = Buffer.concat([Buffer.from('{"event":"CompletedWebHookPayload","x":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]);
  const corpus: Array<{ name: string; wire: string; expectStatus: RegExp; expectCode?: [string, string] }> = [
    { name: 'broken JSON, signed', wire: request('{"event": ', { 'content-type': 'application/json', 'x-blackbox-signature': sign('{"event": ') }), expectStatus: / 400 /, expectCode: ['payload', 'invalid_body'] },
    { name: 'invalid UTF-8, signed', wire: request(invalidUtf8, { 'content-type': 'application/json', 'x-blackbox-signature': sign(invalidUtf8) }), expectStatus: / 400 /, expectCode: ['payload', 'invalid_body'] },
    { name: 'huge body', wire: request('x'.repeat(70_000), { 'content-type': 'application/json', 'x-blackbox-signature': 'ab' }), expectStatus: / 413 /, expectCode: ['payload', 'too_large'] },
    { name: 'garbage signature', wire: request(valid.body, { 'content-type': 'application/json', 'x-blackbox-signature': 'not-hex-at-all!!' }), expectStatus: / 401 /, expectCode: ['signature', 'malformed_signature'] },
    { name: 'garbage timestamp', wire: request(JSON.stringify({ event: 'CompletedWebHookPayload', eventId: 'e1', timestamp: 'yesterday-ish', data: {} }), { 'content-type': 'application/json', 'x-blackbox-signature': sign(JSON.stringify({ event: 'CompletedWebHookPayload', eventId: 'e1', timestamp: 'yesterday-ish', data: {} })) }), expectStatus: / 401 /, expectCode: ['timestamp', 'unparseable_timestamp'] },
    { name: 'duplicate signature headers', wire: request(valid.body, { 'content-type': 'application/json', 'x-blackbox-signature': valid.headers['x-blackbox-signature'], 'X-BlackBox-Signature': '00'.repeat(32) }), expectStatus: / (200|401) / },
    { name: 'spoofed X-Forwarded-For on a direct connection', wire: request(valid.body, { ...valid.headers, 'x-forwarded-for': '10.9.8.7, 1.2.3.4', 'x-forwarded-proto': 'https' }), expectStatus: / 200 /, expectCode: ['transport', 'plain_http'] },
    { name: 'empty body', wire: request('', { 'content-type': 'application/json' }), expectStatus: / 401 /, expectCode: ['signature', 'missing_signature'] },
    { name: 'oversized headers', wire: request('{}', { 'x-big': 'a'.repeat(20_000) }), expectStatus: /^(HTTP\/1\.1 431 .*|)$/ },
    { name: 'malformed %-escape in the path', wire: request(valid.body, valid.headers).replace('POST /hooks/blackbox ', 'POST /hooks/%E0%A4%A '), expectStatus: / 404 /, expectCode: ['payload', 'unmatched_path'] },
    { name: 'not HTTP at all', wire: '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n', expectStatus: /^(HTTP\/1\.1 400 .*|)$/ },
  ];
  for (const item of corpus) {
    const before = (await fx.api('listDeliveries', { limit: 1 })).items[0]?.id;
    const status = await raw(item.wire);
    assert.match(status, item.expectStatus, `${item.name}: got ${JSON.stringify(status)}`);
    assert.doesNotMatch(status, / 5\d\d /, `${item.name}: no 5xx`);
    if (item.expectCode) {
      // bounded wait: the answer follows the journal commit; the listing reads through the deriver
      let latest = (await fx.api('listDeliveries', { limit: 1 })).items[0];
      for (let i = 0; i < 100 && latest.id === before; i += 1) {
        await new Promise((r) => setTimeout(r, 50));
        latest = (await fx.api('listDeliveries', { limit: 1 })).items[0];
      }
      assert.notEqual(latest.id, before, `${item.name}: recorded`);
      const [check, code] = item.expectCode;
      assert.equal(latest.checks.find((c) => c.id === check)?.code, code, `${item.name}: ${JSON.stringify(latest.checks)}`);
    }
  }
  // A truncated body (the client declares more than it sends, then goes away) is kept as evidence.
  await raw('POST /hooks/blackbox HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{"event":"Comp', { endAfterWrite: true });
  const health = await fetch(`${fx.receiver}/healthz`);
  assert.equal(health.status, 200);
  const e = blackboxEvent(SECRET);
  const after = await fetch(`${fx.receiver}/hooks/blackbox`, { method: 'POST', headers: e.headers, body: e.body });
  assert.equal(after.status, 200, 'still verifies after the corpus');
});
