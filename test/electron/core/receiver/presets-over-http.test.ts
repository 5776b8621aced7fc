/**
 * Issue 2, "done when": for every preset, real HTTP requests signed the way the provider signs
 * them, through the real receiver, chain, SQLite store and local API.
 */
import { describe, test, before, after } from 'node:test';
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { PROVIDER_IDS, type ProviderId } from '../../../../shared/providers';
import type { DeliveryDetail } from '../../../../shared/api';
import { signRequest } from '../../../../shared/verify/signer';
import { sampleEvent } from '../../../../shared/verify/samples';
import { listPresetInfo } from '../../../../shared/verify/presets/index';
import { nodeCryptoPort } from '../../../../electron/core/crypto/node-crypto-port';
import { send, startFixture, type Fixture } from '../../../helpers/serve-fixture';

const SECRET = 'current-secret-0123456789abcdef0123';
const OLD = 'old-secret-fedcba9876543210fedcba98';
const GENERIC = { header: 'X-Signature', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=', template: '{timestamp}.{body}', timestamp: { from: 'header', name: 'X-Timestamp' } } as const;
const STANDARD_SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const STANDARD_OLD = `whsec_${Buffer.from('fedcba9876543210fedcba9876543210').toString('base64')}`;

const secretFor = (p: ProviderId) => (p === 'standard-webhooks' ? STANDARD_SECRET : SECRET);
const oldFor = (p: ProviderId) => (p === 'standard-webhooks' ? STANDARD_OLD : OLD);
const hasTimestamp = new Map(listPresetInfo().map((p) => [p.id, p.hasTimestamp]));
let counter = 0;

function source(p: ProviderId, id: string, secrets: unknown[]) {
  return { id, provider: p, secrets, rateLimit: null, ...(p === 'generic-hmac' ? { scheme: GENERIC } : {}) };
}

let fx: Fixture;
before(async () => {
  const now = Date.now();
  const sources = PROVIDER_IDS.flatMap((p) => [
    source(p, p, ['env:CURRENT_' + p.replace(/-/g, '_').toUpperCase()]),
    source(p, `${p}-retiring`, [
      'env:CURRENT_' + p.replace(/-/g, '_').toUpperCase(),
      { value: 'env:OLD_' + p.replace(/-/g, '_').toUpperCase(), label: 'old', retiresAt: new Date(now + 3_600_000).toISOString() },
    ]),
    source(p, `${p}-retired`, [
      'env:CURRENT_' + p.replace(/-/g, '_').toUpperCase(),
      { value: 'env:OLD_' + p.replace(/-/g, '_').toUpperCase(), label: 'old', retiresAt: new Date(now - 3_600_000).toISOString() },
    ]),
  ]);
  const env: Record<string, string> = {};
  for (const p of PROVIDER_IDS) {
    env['CURRENT_' + p.replace(/-/g, '_').toUpperCase()] = secretFor(p);
    env['OLD_' + p.replace(/-/g, '_').toUpperCase()] = oldFor(p);
  }
  fx = await startFixture({ sources }, env);
});
after(() => fx.close());

function signed(p: ProviderId, sourceId: string, opts: { secret?: string; now?: number; body?: Uint8Array } = {}) {
  const sample = sampleEvent(p, { now: opts.now ?? Date.now(), randomId: () => randomUUID().replace(/-/g, ''), scheme: p === 'generic-hmac' ? { ...GENERIC, idempotency: null, eventType: null } : undefined });
  return signRequest(
    {
      provider: p,
      scheme: p === 'generic-hmac' ? { ...GENERIC, idempotency: null, eventType: null } : undefined,
      secret: opts.secret ?? secretFor(p),
      body: opts.body ?? sample.body,
      contentType: sample.contentType,
      url: `${fx.receiver}/hooks/${sourceId}`,
      now: opts.now ?? Date.now(),
      id: `msg_${counter++}`,
    },
    nodeCryptoPort,
  );
}

async function deliver(req: { url: string; method: string; headers: Array<[string, string]>; body: Uint8Array }) {
  const res = await send(req.url, { method: req.method, headers: req.headers, body: req.method === 'GET' ? undefined : req.body });
  assert.ok(res.deliveryId, `the receiver names the delivery (status ${res.status})`);
  const detail = await fx.api('getDelivery', { id: res.deliveryId });
  return { res, detail };
}

const check = (d: DeliveryDetail, id: string) => {
  const c = d.checks.find((x) => x.id === id);
  assert.ok(c, `check ${id} present`);
  return c;
};

function tamper(body: Uint8Array): Uint8Array {
  const text = Buffer.from(body).toString('utf8');
  // change a digit or letter inside the body without breaking its syntax
  const i = text.search(/[0-9]/);
  const j = i >= 0 ? i : text.search(/[a-z]/);
  const ch = text[j];
  const replacement = /[0-9]/.test(ch) ? String((Number(ch) + 1) % 10) : ch === 'a' ? 'b' : 'a';
  return Buffer.from(text.slice(0, j) + replacement + text.slice(j + 1));
}

for (const p of PROVIDER_IDS) {
  describe(`preset ${p} over HTTP`, () => {
    test('valid → 200, verified, every check pass/warn/skip', async () => {
      const { res, detail } = await deliver(signed(p, p));
      assert.equal(res.status, 200, res.body);
      assert.deepEqual(JSON.parse(res.body), { success: true });
      assert.equal(detail.verdict, 'verified');
      assert.equal(check(detail, 'signature').outcome, 'pass');
      assert.ok(detail.checks.every((c) => c.outcome !== 'fail'), JSON.stringify(detail.checks.filter((c) => c.outcome === 'fail')));
      assert.ok(detail.checks.every((c) => c.diagnosis.length === 0 || c.id === 'transport'), 'no diagnosis on a correct delivery');
    });

    test('tampered body → 401 no_matching_signature', async () => {
      const req = signed(p, p);
      const { res, detail } = await deliver({ ...req, body: tamper(req.body), url: p === 'vonage-sms' && req.method === 'GET' ? req.url.replace(/text=[^&]+/, 'text=tampered') : req.url });
      assert.equal(res.status, 401);
      assert.deepEqual(JSON.parse(res.body), { error: 'Unauthorized' });
      assert.equal(detail.verdict, 'rejected');
      assert.equal(check(detail, 'signature').code, 'no_matching_signature');
    });

    test('missing signature header → missing_signature', async () => {
      const req = signed(p, p);
      const sigHeader = listPresetInfo().find((x) => x.id === p)!.signatureHeader.toLowerCase();
      const headers = req.headers.filter(([n]) => n.toLowerCase() !== sigHeader && !(p === 'standard-webhooks' && n.toLowerCase().endsWith('-signature')));
      let { url, body } = req;
      if (p === 'vonage-sms') {
        url = url.replace(/([?&])sig=[^&]*&?/, '$1');
        body = Buffer.from(Buffer.from(body).toString('utf8').replace(/(^|&)sig=[^&]*/, '').replace(/,?"sig":"[^"]*"/, ''));
      }
      const { res, detail } = await deliver({ ...req, url, body, headers });
      assert.equal(res.status, 401);
      assert.equal(check(detail, 'signature').code, 'missing_signature');
    });

    if (hasTimestamp.get(p)) {
      test('10 minutes old → too_old; 10 minutes ahead → too_new', async () => {
        const old = await deliver(signed(p, p, { now: Date.now() - 600_000 }));
        assert.equal(old.res.status, 401);
        assert.equal(check(old.detail, 'timestamp').code, 'too_old');
        const ahead = await deliver(signed(p, p, { now: Date.now() + 600_000 }));
        assert.equal(ahead.res.status, 401);
        assert.equal(check(ahead.detail, 'timestamp').code, 'too_new');
      });
    }

    test('the same event twice → the second is a duplicate (200, linked to the first, not forwarded)', async () => {
      const req = signed(p, p);
      const first = await deliver(req);
      const second = await deliver(req);
      assert.equal(second.res.status, 200);
      assert.equal(check(second.detail, 'duplicate').code, 'duplicate');
      assert.equal(check(second.detail, 'duplicate').outcome, 'warn');
      assert.equal(second.detail.duplicateOf, first.detail.id);
    });

    test('a rejected delivery followed by a correct one is not a duplicate', async () => {
      const good = signed(p, p);
      const bad = await deliver({ ...good, headers: good.headers.map(([n, v]) => [n, n.toLowerCase() === 'content-type' ? v : v]) as Array<[string, string]>, body: tamper(good.body) });
      assert.equal(bad.detail.verdict, 'rejected');
      const ok = await deliver(good);
      assert.equal(ok.detail.verdict, 'verified');
      assert.notEqual(check(ok.detail, 'duplicate').code, 'duplicate');
      assert.equal(ok.detail.duplicateOf, null);
    });

    test('rotation: old secret retiring ahead → warn retiring_secret; retired → fail retired_secret', async () => {
      const retiring = await deliver(signed(p, `${p}-retiring`, { secret: oldFor(p) }));
      assert.equal(retiring.res.status, 200);
      assert.equal(check(retiring.detail, 'signature').outcome, 'warn');
      assert.equal(check(retiring.detail, 'signature').code, 'retiring_secret');
      const retired = await deliver(signed(p, `${p}-retired`, { secret: oldFor(p) }));
      assert.equal(retired.res.status, 401);
      assert.equal(check(retired.detail, 'signature').code, 'retired_secret');
      assert.ok(!JSON.stringify(retired.detail).includes(oldFor(p)), 'the secret never appears in the delivery');
    });
  });
}
