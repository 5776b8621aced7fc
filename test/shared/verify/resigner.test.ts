import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resignRequest } from '../../../shared/verify/resigner';
import { signRequest } from '../../../shared/verify/signer';
import { decodeJwt, signJwt } from '../../../shared/verify/presets/jwt';
import { headerValue } from '../../../shared/verify/support/headers';
import { capturedCases, observedIdentity, type CapturedCase } from '../../helpers/captured-events';
import { nodeCryptoPort } from '../../helpers/node-crypto-port';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const LATER = T0 + 3600_000;
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

function resign(c: CapturedCase, body: Uint8Array = c.body, now = LATER) {
  return resignRequest(
    { provider: c.provider, scheme: c.scheme, secret: c.secret, headers: c.headers, body, url: c.url, method: c.method, now },
    nodeCryptoPort,
  );
}

/** payload fields as a flat map (JSON top level or form parameters) */
function fields(contentType: string, body: Uint8Array): Record<string, string> {
  const text = dec(body);
  if (/json/i.test(contentType)) return Object.fromEntries(Object.entries(JSON.parse(text) as object).map(([k, v]) => [k, JSON.stringify(v)]));
  return Object.fromEntries(new URLSearchParams(text));
}

describe('re-sign keeps the captured identity, for every preset', () => {
  for (const c of capturedCases(T0, 'https://peer.ngrok.app')) {
    test(c.name, () => {
      const out = resign(c);
      // every captured header that is not proof survives with its value, in order
      const kept = c.headers.filter(([n]) => !c.proofHeaders.includes(n.toLowerCase()));
      assert.deepEqual(out.headers.filter(([n]) => !c.proofHeaders.includes(n.toLowerCase())), kept);
      // every proof header the capture carried is still there once, and computed anew (a rotated secret shows it)
      const rotated = resign({ ...c, secret: c.secret.startsWith('whsec_') ? 'whsec_cm90YXRlZC1zZWNyZXQtMTIzNDU2Nzg=' : `${c.secret}-rotated` });
      for (const name of c.proofHeaders) {
        const before = c.headers.filter(([n]) => n.toLowerCase() === name);
        const after = rotated.headers.filter(([n]) => n.toLowerCase() === name);
        assert.equal(after.length, before.length, `${name} count`);
        if (before.length) assert.notEqual(after[0][1], before[0][1], `${name} was renewed`);
      }
      assert.deepEqual(observedIdentity(c, out), c.identity);
      assert.equal(out.method, c.method);
      // the payload changes only where the scheme keeps its proof
      const ct = headerValue(c.headers, 'content-type') ?? '';
      const a = fields(ct, c.body);
      const b = fields(ct, out.body);
      for (const key of c.proofFields) {
        delete a[key];
        delete b[key];
      }
      assert.deepEqual(b, a);
      if (c.proofFields.length === 0) assert.equal(dec(out.body), dec(c.body), 'body bytes unchanged');
    });
  }

  test('the test-event signer still invents identity; the re-signer never does', () => {
    const gh = capturedCases(T0, 'https://peer.ngrok.app').find((c) => c.name === 'github') as CapturedCase;
    const invented = signRequest({ provider: 'github', secret: gh.secret, body: gh.body, contentType: 'application/json', url: gh.url, now: LATER }, nodeCryptoPort);
    assert.equal(headerValue(invented.headers, 'x-github-event'), 'ping', 'the test-event signer infers (the bug the replay path had)');
    assert.equal(headerValue(resign(gh).headers, 'x-github-event'), 'create');
  });

  test('Vonage: api_key, application_id and iss stay; iat, jti and payload_hash are renewed; an edited body is hashed', () => {
    const c = capturedCases(T0, 'https://peer.ngrok.app').find((x) => x.provider === 'vonage') as CapturedCase;
    const claimsOf = (headers: ReadonlyArray<readonly [string, string]>) => {
      const d = decodeJwt((headerValue(headers, 'authorization') ?? '').replace(/^Bearer /, ''));
      assert.ok(d.ok);
      return d.claims;
    };
    const before = claimsOf(c.headers);
    const edited = enc('{"status":"completed","uuid":"x"}');
    const after = claimsOf(resign(c, edited).headers);
    assert.equal(after.iat, Math.floor(LATER / 1000));
    assert.notEqual(after.jti, before.jti);
    assert.equal(after.payload_hash, Buffer.from(nodeCryptoPort.hash('sha256', edited)).toString('hex'));
    assert.deepEqual(Object.keys(after), Object.keys(before), 'same claims, same order');
    for (const k of ['iss', 'api_key', 'application_id']) assert.equal(after[k], before[k], k);
  });

  test('Vonage: exp keeps the token lifetime', () => {
    const c = capturedCases(T0, 'https://peer.ngrok.app').find((x) => x.provider === 'vonage') as CapturedCase;
    const base = Math.floor(T0 / 1000);
    const token = signJwt(nodeCryptoPort, enc(c.secret), { iat: base, exp: base + 60, jti: 'j', api_key: 'k' });
    const out = resign({ ...c, headers: [['Authorization', `Bearer ${token}`]] });
    const d = decodeJwt((headerValue(out.headers, 'authorization') ?? '').replace(/^Bearer /, ''));
    assert.ok(d.ok);
    assert.equal(d.claims.exp, Math.floor(LATER / 1000) + 60);
  });

  test('Standard Webhooks: the captured webhook-id is kept unless a new one is asked for', () => {
    const c = capturedCases(T0, 'https://peer.ngrok.app').find((x) => x.name === 'standard-webhooks') as CapturedCase;
    assert.equal(headerValue(resign(c).headers, 'webhook-id'), 'msg_2PeerStandard');
    const fresh = resignRequest(
      { provider: c.provider, secret: c.secret, headers: c.headers, body: c.body, url: c.url, method: 'POST', now: LATER, newMessageId: true },
      nodeCryptoPort,
    );
    const id = headerValue(fresh.headers, 'webhook-id');
    assert.ok(id && id !== 'msg_2PeerStandard' && id.startsWith('msg_'));
  });

  test('GitHub: no legacy SHA-1 header is added when the capture had none', () => {
    const c = capturedCases(T0, 'https://peer.ngrok.app').find((x) => x.name === 'github') as CapturedCase;
    const headers = c.headers.filter(([n]) => n !== 'X-Hub-Signature');
    const out = resignRequest({ provider: 'github', secret: c.secret, headers, body: c.body, url: c.url, method: 'POST', now: LATER }, nodeCryptoPort);
    assert.equal(headerValue(out.headers, 'x-hub-signature'), null);
  });

  test('misuse throws before anything is signed', () => {
    const c = capturedCases(T0, 'https://peer.ngrok.app')[0];
    assert.throws(() => resignRequest({ provider: c.provider, secret: '', headers: c.headers, body: c.body, url: c.url, method: 'POST', now: LATER }, nodeCryptoPort), /secret/);
    assert.throws(() => resignRequest({ provider: 'generic-hmac', secret: 's', headers: [], body: c.body, url: c.url, method: 'POST', now: LATER }, nodeCryptoPort), /scheme/);
  });
});
