/** For every preset: signRequest → runChain round trips, tampering, missing signature, timestamps, rotation, duplicates. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { GenericScheme } from '../../../shared/config';
import type { ProviderId } from '../../../shared/providers';
import { PROVIDER_IDS } from '../../../shared/providers';
import { runChain } from '../../../shared/verify/chain';
import { getPreset } from '../../../shared/verify/presets/index';
import { sampleEvent } from '../../../shared/verify/samples';
import { type SignedRequest, refreshPayloadTimestamp, signRequest } from '../../../shared/verify/signer';
import { serializeParams, parseParams } from '../../../shared/verify/support/form';
import { nodeCryptoPort } from '../../helpers/node-crypto-port';
import { LOCAL, T0, type SecretSpec, dec, enc, makePorts, makeSource, toInbound } from './fixtures';

const HEADER_SCHEME: GenericScheme = {
  header: 'X-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: 'sha256=',
  template: '{timestamp}.{body}',
  timestamp: { from: 'header', name: 'X-Timestamp' },
  idempotency: null,
  eventType: null,
};
const PAYLOAD_SCHEME: GenericScheme = {
  header: 'X-Acme-Signature',
  algorithm: 'sha512',
  encoding: 'base64',
  prefix: '',
  template: '{body}',
  timestamp: { from: 'payload', path: 'meta.sent_at' },
  idempotency: { from: 'payload', path: 'id' },
  eventType: { from: 'payload', path: 'type' },
};

interface Row {
  name: string;
  provider: ProviderId;
  scheme?: GenericScheme;
  secret: string;
  old: string;
  /** headers holding the signature (removed for the missing case) */
  signatureHeaders: string[];
  tunnel?: string;
  /** code when the body is changed after signing */
  tampered?: string;
}

const sw = (s: string) => `whsec_${Buffer.from(s).toString('base64')}`;
const ROWS: Row[] = [
  { name: 'dialnexa', provider: 'dialnexa', secret: 'dn-current-secret', old: 'dn-old-secret', signatureHeaders: ['X-DialNexa-Signature'] },
  { name: 'blackbox', provider: 'blackbox', secret: 'bb-current-secret', old: 'bb-old-secret', signatureHeaders: ['X-BlackBox-Signature'] },
  { name: 'vonage', provider: 'vonage', secret: 'vonage-signature-secret-1', old: 'vonage-signature-secret-0', signatureHeaders: ['Authorization'] },
  { name: 'vonage-sms', provider: 'vonage-sms', secret: 'sms-secret-1', old: 'sms-secret-0', signatureHeaders: [] },
  { name: 'stripe', provider: 'stripe', secret: 'whsec_stripecurrent', old: 'whsec_stripeold', signatureHeaders: ['Stripe-Signature'] },
  { name: 'github', provider: 'github', secret: 'gh-current', old: 'gh-old', signatureHeaders: ['X-Hub-Signature-256', 'X-Hub-Signature'] },
  { name: 'slack', provider: 'slack', secret: 'slack-current', old: 'slack-old', signatureHeaders: ['X-Slack-Signature'] },
  { name: 'standard-webhooks', provider: 'standard-webhooks', secret: sw('0123456789abcdef0123'), old: sw('fedcba9876543210fedc'), signatureHeaders: ['webhook-signature'] },
  { name: 'shopify', provider: 'shopify', secret: 'shpss_current', old: 'shpss_old', signatureHeaders: ['X-Shopify-Hmac-Sha256'] },
  { name: 'twilio', provider: 'twilio', secret: 'twilio-auth-token', old: 'twilio-old-token', signatureHeaders: ['X-Twilio-Signature'] },
  { name: 'twilio (tunnel URL)', provider: 'twilio', secret: 'twilio-auth-token', old: 'twilio-old-token', signatureHeaders: ['X-Twilio-Signature'], tunnel: 'https://abc123.ngrok.app' },
  { name: 'generic-hmac (header timestamp)', provider: 'generic-hmac', scheme: HEADER_SCHEME, secret: 'gen-current', old: 'gen-old', signatureHeaders: ['X-Signature'] },
  { name: 'generic-hmac (payload timestamp)', provider: 'generic-hmac', scheme: PAYLOAD_SCHEME, secret: 'gen-current', old: 'gen-old', signatureHeaders: ['X-Acme-Signature'] },
];

let counter = 0;
function signed(row: Row, opts: { secret?: string; now?: number } = {}): SignedRequest {
  const now = opts.now ?? T0;
  const sample = sampleEvent(row.provider, { now, randomId: () => `r${++counter}x${counter * 7919}`, ...(row.scheme ? { scheme: row.scheme } : {}) });
  const body = refreshPayloadTimestamp(row.provider, sample.body, sample.contentType, now, row.scheme);
  return signRequest(
    {
      provider: row.provider,
      ...(row.scheme ? { scheme: row.scheme } : {}),
      secret: opts.secret ?? row.secret,
      body,
      contentType: sample.contentType,
      url: `${row.tunnel ?? LOCAL}/hooks/src`,
      now,
      id: `msg_${++counter}`,
      eventType: sample.eventType,
    },
    nodeCryptoPort,
  );
}

function chain(row: Row, req: SignedRequest, secrets: SecretSpec[], seen: Record<string, string> = {}) {
  const source = makeSource(row.provider, { secrets, config: row.scheme ? { scheme: row.scheme } : {} });
  const inbound = toInbound(req, row.tunnel ? { publicBase: row.tunnel } : {});
  return runChain(inbound, source, makePorts({ seen }));
}

const code = (out: ReturnType<typeof runChain>, id: string) => out.checks.find((c) => c.id === id)?.code;

function tamper(body: Uint8Array): Uint8Array {
  const text = dec(body);
  const i = text.indexOf('a');
  assert.ok(i >= 0);
  return enc(`${text.slice(0, i)}b${text.slice(i + 1)}`);
}

function withoutSignature(row: Row, req: SignedRequest): SignedRequest {
  if (row.provider === 'vonage-sms') {
    const parsed = parseParams(dec(req.body));
    assert.ok(parsed.ok);
    return { ...req, body: enc(serializeParams(parsed.params.filter(([k]) => k !== 'sig'))) };
  }
  const drop = new Set(row.signatureHeaders.map((h) => h.toLowerCase()));
  return { ...req, headers: req.headers.filter(([n]) => !drop.has(n.toLowerCase())) };
}

test('the table covers every preset', () => {
  for (const id of PROVIDER_IDS) assert.ok(ROWS.some((r) => r.provider === id), id);
});

for (const row of ROWS) {
  describe(row.name, () => {
    const hasTimestamp = getPreset(row.provider).hasTimestamp(row.scheme ?? null);

    test('valid → verified, 200, no diagnosis anywhere, known event type', () => {
      const out = chain(row, signed(row), [row.secret]);
      assert.equal(out.verdict, 'verified', JSON.stringify(out.checks.filter((c) => c.outcome === 'fail')));
      assert.equal(out.status, 200);
      assert.equal(out.responseBody, '{"success":true}');
      assert.equal(code(out, 'signature'), 'ok');
      assert.equal(code(out, 'timestamp'), hasTimestamp ? 'ok' : 'no_timestamp_in_scheme');
      assert.equal(code(out, 'payload'), 'ok');
      assert.ok(out.idempotencyKey, 'an idempotency key is computed');
      for (const c of out.checks) assert.deepEqual(c.diagnosis, [], c.id);
    });

    test('tampered body → 401', () => {
      const req = signed(row);
      const out = chain(row, { ...req, body: tamper(req.body) }, [row.secret]);
      assert.equal(out.status, 401);
      assert.equal(out.verdict, 'rejected');
      assert.equal(code(out, 'signature'), row.tampered ?? 'no_matching_signature');
      assert.equal(out.responseBody, '{"error":"Unauthorized"}');
    });

    test('missing signature → missing_signature', () => {
      const out = chain(row, withoutSignature(row, signed(row)), [row.secret]);
      assert.equal(code(out, 'signature'), 'missing_signature');
      assert.equal(out.status, 401);
      assert.equal(code(out, 'duplicate'), 'depends_on_signature');
    });

    if (hasTimestamp) {
      test('10 minutes old → too_old; 10 minutes ahead → too_new', () => {
        const old = chain(row, signed(row, { now: T0 - 600_000 }), [row.secret]);
        assert.equal(code(old, 'timestamp'), 'too_old');
        assert.equal(code(old, 'signature'), 'ok', 'the signature itself is fine');
        assert.equal(old.status, 401);
        const ahead = chain(row, signed(row, { now: T0 + 600_000 }), [row.secret]);
        assert.equal(code(ahead, 'timestamp'), 'too_new');
        assert.equal(ahead.checks.find((c) => c.id === 'timestamp')?.detail.skewSeconds, -600);
      });
    }

    test('rotation: old secret retiring → warn retiring_secret (verified); retired → retired_secret', () => {
      const req = signed(row, { secret: row.old });
      const retiring = chain(row, req, [row.secret, { value: row.old, label: 'old', retiresAt: T0 + 3_600_000 }]);
      assert.equal(code(retiring, 'signature'), 'retiring_secret');
      assert.equal(retiring.verdict, 'verified');
      assert.equal(retiring.status, 200);
      assert.equal(retiring.checks.find((c) => c.id === 'signature')?.detail.secret, 'old');
      const retired = chain(row, req, [row.secret, { value: row.old, label: 'old', retiresAt: T0 - 3_600_000 }]);
      assert.equal(code(retired, 'signature'), 'retired_secret');
      assert.equal(retired.status, 401);
    });

    test('duplicate: lookup returns an id → warn duplicate, 200, duplicateOf', () => {
      const req = signed(row);
      const first = chain(row, req, [row.secret]);
      assert.ok(first.idempotencyKey);
      assert.equal(first.duplicateOf, null);
      const again = chain(row, req, [row.secret], { [first.idempotencyKey]: 'dlv_first' });
      assert.equal(code(again, 'duplicate'), 'duplicate');
      assert.equal(again.status, 200);
      assert.equal(again.verdict, 'verified');
      assert.equal(again.duplicateOf, 'dlv_first');
      assert.equal(again.checks.find((c) => c.id === 'duplicate')?.detail.firstDeliveryId, 'dlv_first');
    });
  });
}
