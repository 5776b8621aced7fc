/** Samples for every known event type verify and extract their own type; the signer's side jobs. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { GenericScheme } from '../../../shared/config';
import { PROVIDER_IDS } from '../../../shared/providers';
import { runChain } from '../../../shared/verify/chain';
import { getPreset, listPresetInfo } from '../../../shared/verify/presets/index';
import { sampleEvent } from '../../../shared/verify/samples';
import { refreshPayloadTimestamp, signRequest } from '../../../shared/verify/signer';
import { parseParams } from '../../../shared/verify/support/form';
import { nodeCryptoPort } from '../../helpers/node-crypto-port';
import { LOCAL, T0, dec, enc, makePorts, makeSource, toInbound } from './fixtures';

const SCHEME: GenericScheme = {
  header: 'X-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: '',
  template: '{body}',
  timestamp: { from: 'payload', path: 'created' },
  idempotency: { from: 'payload', path: 'id' },
  eventType: { from: 'payload', path: 'type' },
};
const secretFor = (p: string) => (p === 'standard-webhooks' ? `whsec_${Buffer.from('sample-key-0123456789').toString('base64')}` : 'sample-secret');
let n = 0;
const randomId = () => `${(++n).toString(16)}a7f3c9e1b2d4`;

describe('every known event type of every preset', () => {
  for (const provider of PROVIDER_IDS) {
    const types = getPreset(provider).eventTypes;
    test(`${provider} (${types.length || 'open'} types)`, () => {
      for (const eventType of types.length ? types : [undefined]) {
        const scheme = provider === 'generic-hmac' ? SCHEME : undefined;
        const sample = sampleEvent(provider, { eventType, now: T0, randomId, scheme });
        if (eventType) assert.equal(sample.eventType, eventType);
        const signed = signRequest(
          { provider, scheme, secret: secretFor(provider), body: sample.body, contentType: sample.contentType, url: `${LOCAL}/hooks/s`, now: T0, eventType: sample.eventType },
          nodeCryptoPort,
        );
        const out = runChain(toInbound(signed), makeSource(provider, { secrets: [secretFor(provider)], config: scheme ? { scheme } : {} }), makePorts());
        assert.equal(out.verdict, 'verified', `${provider} ${eventType}: ${JSON.stringify(out.checks.filter((c) => c.outcome === 'fail'))}`);
        assert.equal(out.eventType, sample.eventType, `${provider} ${eventType}`);
        assert.equal(out.checks.find((c) => c.id === 'payload')?.code, 'ok', `${provider} ${eventType}`);
      }
    });
  }
});

describe('samples are realistic', () => {
  test('voice-AI payloads carry the personal data real ones do', () => {
    const bb = JSON.parse(dec(sampleEvent('blackbox', { now: T0, randomId }).body));
    assert.equal(bb.type, 'CompletedWebHookPayload');
    assert.equal(bb.timestamp, new Date(T0).toISOString());
    assert.match(bb.data.phoneNumber, /^\+1/);
    assert.match(bb.data.email, /@/);
    assert.ok(Array.isArray(bb.data.transcript));
    const dn = JSON.parse(dec(sampleEvent('dialnexa', { now: T0, randomId }).body));
    assert.match(dn.call_id, /^call_/);
    assert.match(dn.data.transcript, /Agent:/);
  });
  test('Stripe is a pretty-printed event object; Twilio and Vonage SMS are form-encoded', () => {
    const stripe = sampleEvent('stripe', { now: T0, randomId });
    assert.match(dec(stripe.body), /^\{\n {2}"id": "evt_/);
    assert.equal(JSON.parse(dec(stripe.body)).object, 'event');
    for (const p of ['twilio', 'vonage-sms'] as const) {
      const s = sampleEvent(p, { now: T0, randomId });
      assert.equal(s.contentType, 'application/x-www-form-urlencoded');
      assert.ok(parseParams(dec(s.body)).ok);
    }
  });
  test('an unknown requested type is sent as is where the payload names its type', () => {
    const s = sampleEvent('stripe', { eventType: 'made.up', now: T0, randomId });
    assert.equal(JSON.parse(dec(s.body)).type, 'made.up');
  });
  test('listPresetInfo describes all presets', () => {
    const info = listPresetInfo();
    assert.deepEqual(info.map((p) => p.id), [...PROVIDER_IDS]);
    assert.equal(info.find((p) => p.id === 'blackbox')?.signatureHeader, 'X-BlackBox-Signature');
    assert.equal(info.find((p) => p.id === 'github')?.hasTimestamp, false);
    assert.ok(info.find((p) => p.id === 'blackbox')?.eventTypes.includes('StartWebHookPayload'));
  });
});

describe('refreshPayloadTimestamp', () => {
  const later = T0 + 3_600_000;
  test('BlackBox ISO timestamp, keeping the formatting', () => {
    const pretty = `${JSON.stringify({ type: 'StartWebHookPayload', timestamp: new Date(T0).toISOString(), n: 1 }, null, 2)}\n`;
    const out = dec(refreshPayloadTimestamp('blackbox', enc(pretty), 'application/json', later));
    assert.equal(out, `${JSON.stringify({ type: 'StartWebHookPayload', timestamp: new Date(later).toISOString(), n: 1 }, null, 2)}\n`);
  });
  test('DialNexa keeps the timestamp\'s type; leaves a body without one alone', () => {
    assert.equal(JSON.parse(dec(refreshPayloadTimestamp('dialnexa', enc('{"timestamp":1}'), 'application/json', later))).timestamp, later / 1000);
    assert.equal(JSON.parse(dec(refreshPayloadTimestamp('dialnexa', enc('{"timestamp":"x"}'), 'application/json', later))).timestamp, new Date(later).toISOString());
    assert.equal(dec(refreshPayloadTimestamp('dialnexa', enc('{"a":1}'), 'application/json', later)), '{"a":1}');
  });
  test('Vonage SMS timestamp parameter; others unchanged', () => {
    const form = refreshPayloadTimestamp('vonage-sms', enc('msisdn=1&timestamp=5&text=a+b'), 'application/x-www-form-urlencoded', later);
    assert.equal(dec(form), `msisdn=1&timestamp=${later / 1000}&text=a+b`);
    const body = enc('{"timestamp":"2020-01-01T00:00:00Z"}');
    assert.equal(refreshPayloadTimestamp('stripe', body, 'application/json', later), body);
  });
  test('generic-hmac payload path', () => {
    const out = refreshPayloadTimestamp('generic-hmac', enc('{"meta":{"sent_at":1}}'), 'application/json', later, { ...SCHEME, timestamp: { from: 'payload', path: 'meta.sent_at' } });
    assert.equal(JSON.parse(dec(out)).meta.sent_at, later / 1000);
  });
});

describe('signRequest', () => {
  test('refuses an empty secret, an invalid Standard Webhooks secret, generic without scheme', () => {
    const base = { body: enc('{}'), contentType: 'application/json', url: `${LOCAL}/h`, now: T0 };
    assert.throws(() => signRequest({ ...base, provider: 'github', secret: '' }, nodeCryptoPort), /secret/);
    assert.throws(() => signRequest({ ...base, provider: 'standard-webhooks', secret: 'whsec_***' }, nodeCryptoPort), /base64/);
    assert.throws(() => signRequest({ ...base, provider: 'generic-hmac', secret: 's' }, nodeCryptoPort), /scheme/);
  });
  test('Vonage SMS GET: sig and timestamp go into the query', () => {
    const signed = signRequest({ provider: 'vonage-sms', secret: 's', body: new Uint8Array(), contentType: '', url: `${LOCAL}/hooks/sms?msisdn=447700900001&text=Hi+there&sig=OLD`, method: 'GET', now: T0 }, nodeCryptoPort);
    const q = new URL(signed.url).searchParams;
    assert.equal(q.get('timestamp'), String(T0 / 1000));
    assert.match(q.get('sig') ?? '', /^[0-9A-F]{64}$/);
    assert.equal(q.getAll('sig').length, 1);
    const out = runChain(toInbound(signed), makeSource('vonage-sms', { secrets: ['s'] }), makePorts());
    assert.equal(out.checks.find((c) => c.id === 'signature')?.code, 'ok');
  });
  test('Twilio JSON: bodySHA256 is set on the URL (replacing an earlier one)', () => {
    const signed = signRequest({ provider: 'twilio', secret: 't', body: enc('{}'), contentType: 'application/json', url: `${LOCAL}/h?bodySHA256=abc&x=1`, now: T0 }, nodeCryptoPort);
    assert.equal(signed.url, `${LOCAL}/h?x=1&bodySHA256=44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a`);
  });
  test('message ids: given ids are used', () => {
    const gh = signRequest({ provider: 'github', secret: 's', body: enc('{}'), contentType: 'application/json', url: `${LOCAL}/h`, now: T0, id: 'delivery-1' }, nodeCryptoPort);
    assert.ok(gh.headers.some(([k, v]) => k === 'X-GitHub-Delivery' && v === 'delivery-1'));
  });
});
