/** GET webhooks carry their data in the query (Vonage SMS): forwarding and replay keep it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signRequest } from '../../../../shared/verify/signer';
import { nodeCryptoPort } from '../../../../electron/core/crypto/node-crypto-port';
import { startFixture } from '../../../helpers/serve-fixture';

const SECRET = 'vonage-sms-signature-secret-0123456789';

test('a signed GET is forwarded with its query, and a re-signed replay carries a fresh valid sig', async () => {
  const seen: string[] = [];
  const dev = createServer((req: IncomingMessage, res) => {
    seen.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  await new Promise<void>((r) => dev.listen(0, '127.0.0.1', r));
  const devUrl = `http://127.0.0.1:${(dev.address() as AddressInfo).port}/sms`;
  const fx = await startFixture({ sources: [{ id: 'sms', provider: 'vonage-sms', secrets: ['env:SMS'], rateLimit: null, forward: { url: devUrl } }] }, { SMS: SECRET });
  try {
    const params = new URLSearchParams({ msisdn: '14155550100', to: '13239877404', messageId: '0A0000001234', text: 'Hello there', type: 'text' });
    const signed = signRequest({ provider: 'vonage-sms', secret: SECRET, body: new Uint8Array(0), contentType: '', url: `${fx.receiver}/hooks/sms?${params}`, method: 'GET', now: Date.now() }, nodeCryptoPort);
    const res = await fetch(signed.url, { method: 'GET', headers: signed.headers });
    assert.equal(res.status, 200, await res.text());
    const id = res.headers.get('x-hookscope-delivery-id')!;
    for (let i = 0; i < 200 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal(seen.length, 1, 'auto-forwarded once');
    assert.equal(seen[0], `/sms${new URL(signed.url).search}`, 'the exact query the provider sent');

    const attempt = await fx.api('replayDelivery', { id, mode: 'resign' });
    assert.equal(attempt.status, 200);
    const replayed = new URL(seen[1], 'http://x').searchParams;
    assert.equal(replayed.get('msisdn'), '14155550100');
    assert.equal(replayed.getAll('sig').length, 1);
    // Independent check of the documented scheme: md5hash / HMAC over "&k=v…" sorted, sig and nothing else removed.
    const { createHash, createHmac } = await import('node:crypto');
    const sig = replayed.get('sig')!;
    const base = [...replayed.entries()].filter(([k]) => k !== 'sig').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `&${k}=${v.replace(/[&=]/g, '_')}`).join('');
    const candidates = [createHash('md5').update(base + SECRET).digest('hex'), ...(['md5', 'sha1', 'sha256', 'sha512'] as const).map((a) => createHmac(a, SECRET).update(base).digest('hex'))];
    assert.ok(candidates.includes(sig.toLowerCase()), 'the re-signed sig verifies');
    assert.ok(Math.abs(Number(replayed.get('timestamp')) - Date.now() / 1000) < 60, 'fresh timestamp');
  } finally {
    await fx.close();
    dev.close();
  }
});
