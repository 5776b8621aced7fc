/** Each diagnosis code from a request that commits exactly that mistake; timestamp hints; bounded work; no leaks. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckResult } from '../../../shared/checks';
import type { ProviderId } from '../../../shared/providers';
import { runChain } from '../../../shared/verify/chain';
import { MAX_DIAGNOSIS_MACS } from '../../../shared/verify/diagnosis/signature-diagnosis';
import type { CryptoPort } from '../../../shared/verify/ports';
import { signRequest } from '../../../shared/verify/signer';
import { fromBase64, toBase64, toHex } from '../../../shared/verify/support/encoding';
import type { InboundRequest } from '../../../shared/verify/types';
import { nodeCryptoPort } from '../../helpers/node-crypto-port';
import { LOCAL, T0, type SecretSpec, enc, makePorts, makeRequest, makeSource } from './fixtures';

const hmacHex = (alg: 'sha1' | 'sha256' | 'sha512', key: string | Uint8Array, body: string | Uint8Array) => toHex(nodeCryptoPort.hmac(alg, key, body));
const hmacB64 = (key: string | Uint8Array, body: string | Uint8Array) => toBase64(nodeCryptoPort.hmac('sha256', key, body));

function run(
  provider: ProviderId,
  req: Partial<InboundRequest>,
  secrets: SecretSpec[],
  opts: { others?: Array<{ value: string; label: string }>; config?: Record<string, unknown>; crypto?: CryptoPort } = {},
) {
  const ports = makePorts({ others: opts.others });
  if (opts.crypto) ports.crypto = opts.crypto;
  return runChain(makeRequest(req), makeSource(provider, { secrets, config: opts.config }), ports);
}
const sigCheck = (out: ReturnType<typeof run>): CheckResult => out.checks.find((c) => c.id === 'signature') as CheckResult;
const codes = (c: CheckResult) => c.diagnosis.map((d) => d.code);

/** nothing secret or expected appears anywhere in the checks */
function assertNoLeak(out: ReturnType<typeof run>, secrets: string[]) {
  const text = JSON.stringify(out.checks);
  for (const s of secrets) assert.ok(!text.includes(s), `leaked ${s.slice(0, 8)}…`);
}

const PRETTY = '{\n  "event": "call.completed",\n  "call_id": "call_1",\n  "timestamp": "2026-01-15T12:00:00Z"\n}';
const COMPACT = JSON.stringify(JSON.parse(PRETTY));
const SECRET = 'dialnexa-secret-0123';

describe('signature diagnosis', () => {
  test('reserialized_json: signed JSON.stringify(JSON.parse(body)), sent pretty-printed', () => {
    const sig = hmacHex('sha256', SECRET, COMPACT);
    const out = run('dialnexa', { body: enc(PRETTY), rawHeaders: [['X-DialNexa-Signature', sig]] }, [SECRET]);
    assert.equal(sigCheck(out).code, 'no_matching_signature');
    assert.deepEqual(codes(sigCheck(out)), ['reserialized_json']);
    assert.match(sigCheck(out).diagnosis[0].summary, /raw request body/);
    assertNoLeak(out, [SECRET, hmacHex('sha256', SECRET, PRETTY)]);
  });

  test('reserialized_json: signed a 2-space pretty form, sent compact', () => {
    const sig = hmacHex('sha256', SECRET, JSON.stringify(JSON.parse(COMPACT), null, 2));
    const out = run('dialnexa', { body: enc(COMPACT), rawHeaders: [['X-DialNexa-Signature', sig]] }, [SECRET]);
    assert.deepEqual(codes(sigCheck(out)), ['reserialized_json']);
  });

  test('body_whitespace: signed with a trailing newline the body no longer has', () => {
    const sig = hmacHex('sha256', SECRET, `${COMPACT}\n`);
    const out = run('dialnexa', { body: enc(COMPACT), rawHeaders: [['X-DialNexa-Signature', sig]] }, [SECRET]);
    assert.deepEqual(codes(sigCheck(out)), ['body_whitespace']);
  });

  test('body_whitespace: a CRLF was added in transit', () => {
    const sig = hmacHex('sha256', SECRET, COMPACT);
    const out = run('dialnexa', { body: enc(`${COMPACT}\r\n`), rawHeaders: [['X-DialNexa-Signature', sig]] }, [SECRET]);
    assert.deepEqual(codes(sigCheck(out)), ['body_whitespace']);
  });

  test('other_secret: signed with another source\'s secret — named by label, never by value', () => {
    const other = 'prod-secret-do-not-leak';
    const sig = hmacHex('sha256', other, COMPACT);
    const out = run('dialnexa', { body: enc(COMPACT), rawHeaders: [['X-DialNexa-Signature', sig]] }, [SECRET], {
      others: [{ value: 'unrelated', label: 'source "x" secrets[0]' }, { value: other, label: 'source "dialnexa-prod" secrets[0]' }],
    });
    assert.deepEqual(codes(sigCheck(out)), ['other_secret']);
    assert.match(sigCheck(out).diagnosis[0].summary, /dialnexa-prod/);
    assert.doesNotMatch(sigCheck(out).diagnosis[0].summary, /source "x"/);
    assertNoLeak(out, [other, SECRET]);
  });

  test('secret_whitespace: the configured secret has a trailing newline', () => {
    const sig = hmacHex('sha256', SECRET, COMPACT);
    const out = run('dialnexa', { body: enc(COMPACT), rawHeaders: [['X-DialNexa-Signature', sig]] }, [`${SECRET}\n`]);
    assert.deepEqual(codes(sigCheck(out)), ['secret_whitespace']);
  });

  test('secret_encoding: a Standard Webhooks sender used the whsec_ string as text', () => {
    const secret = `whsec_${Buffer.from('0123456789abcdef0123').toString('base64')}`;
    const body = '{"type":"user.created"}';
    const sig = hmacB64(secret, `msg_1.${T0 / 1000}.${body}`);
    const out = run('standard-webhooks', { body: enc(body), rawHeaders: [['webhook-id', 'msg_1'], ['webhook-timestamp', String(T0 / 1000)], ['webhook-signature', `v1,${sig}`]] }, [secret]);
    assert.deepEqual(codes(sigCheck(out)), ['secret_encoding']);
    assert.match(sigCheck(out).diagnosis[0].summary, /as text/);
  });

  test('secret_encoding: a Stripe sender base64-decoded the whsec_ secret', () => {
    const secret = `whsec_${Buffer.from('stripe-raw-key-bytes').toString('base64')}`;
    const body = '{"id":"evt_1","type":"customer.created"}';
    const t = String(T0 / 1000);
    const key = fromBase64(secret.slice(6)) as Uint8Array;
    const sig = hmacHex('sha256', key, `${t}.${body}`);
    const out = run('stripe', { body: enc(body), rawHeaders: [['Stripe-Signature', `t=${t},v1=${sig}`]] }, [secret]);
    assert.deepEqual(codes(sigCheck(out)), ['secret_encoding']);
  });

  describe('wrong_encoding', () => {
    const body = '{"zen":"Keep it logically awesome.","hook_id":1}';
    const secret = 'gh-secret';
    const right = hmacHex('sha256', secret, body);
    const cases: Array<[string, string, string]> = [
      ['upper-case hex', `sha256=${right.toUpperCase()}`, 'no_matching_signature'],
      ['no prefix', right, 'no_matching_signature'],
      ['base64 instead of hex', `sha256=${toBase64(Buffer.from(right, 'hex'))}`, 'malformed_signature'],
      ['other prefix', `v1=${right}`, 'no_matching_signature'],
    ];
    for (const [name, value, code] of cases) {
      test(`GitHub: ${name}`, () => {
        const out = run('github', { body: enc(body), rawHeaders: [['X-Hub-Signature-256', value], ['X-GitHub-Event', 'ping']] }, [secret]);
        assert.equal(sigCheck(out).code, code);
        assert.deepEqual(codes(sigCheck(out)), ['wrong_encoding']);
        assertNoLeak(out, [secret, `sha256=${right}`]);
      });
    }
    test('Shopify: hex where base64 is expected', () => {
      const out = run('shopify', { body: enc('{"id":1}'), rawHeaders: [['X-Shopify-Hmac-Sha256', hmacHex('sha256', 'shp', '{"id":1}')], ['X-Shopify-Topic', 'orders/create']] }, ['shp']);
      assert.deepEqual(codes(sigCheck(out)), ['wrong_encoding']);
      assert.match(sigCheck(out).diagnosis[0].summary, /lower-case hex.*expects base64/);
    });
  });

  test('wrong_algorithm: SHA-1 in the SHA-256 header', () => {
    const body = '{"zen":"x","hook_id":1}';
    const out = run('github', { body: enc(body), rawHeaders: [['X-Hub-Signature-256', `sha256=${hmacHex('sha1', 'gh', body)}`]] }, ['gh']);
    assert.equal(sigCheck(out).code, 'no_matching_signature');
    assert.deepEqual(codes(sigCheck(out)), ['wrong_algorithm']);
    assert.match(sigCheck(out).diagnosis[0].summary, /SHA1 instead of SHA256/);
  });

  test('wrong_algorithm: SHA-512 for a generic sha256 scheme', () => {
    const out = run('generic-hmac', { body: enc('hello'), rawHeaders: [['X-Signature', hmacHex('sha512', 'k', 'hello')]] }, ['k'], { config: { scheme: { header: 'X-Signature' } } });
    assert.deepEqual(codes(sigCheck(out)), ['wrong_algorithm']);
  });

  describe('wrong_url (Twilio behind the tunnel)', () => {
    const body = 'From=%2B14155550187&Body=hi&SmsStatus=received&MessageSid=SM1';
    const sign = (url: string) =>
      signRequest({ provider: 'twilio', secret: 'tok', body: enc(body), contentType: 'application/x-www-form-urlencoded', url, now: T0 }, nodeCryptoPort);
    const inbound = (sig: string): Partial<InboundRequest> => ({
      target: '/hooks/twilio',
      body: enc(body),
      viaTunnel: true,
      publicBaseUrl: 'https://abc.ngrok.app',
      rawHeaders: [['X-Forwarded-Proto', 'https'], ['Content-Type', 'application/x-www-form-urlencoded'], ['X-Twilio-Signature', sig]],
    });
    const sigOf = (url: string) => sign(url).headers.find(([n]) => n === 'X-Twilio-Signature')?.[1] ?? '';
    test('signed the http:// URL', () => {
      const out = run('twilio', inbound(sigOf('http://abc.ngrok.app/hooks/twilio')), ['tok']);
      assert.deepEqual(codes(sigCheck(out)), ['wrong_url']);
      assert.match(sigCheck(out).diagnosis[0].summary, /http:\/\/abc\.ngrok\.app\/hooks\/twilio/);
    });
    test('signed with a trailing slash', () => {
      const out = run('twilio', inbound(sigOf('https://abc.ngrok.app/hooks/twilio/')), ['tok']);
      assert.deepEqual(codes(sigCheck(out)), ['wrong_url']);
    });
    test('signed the local URL instead of the public one', () => {
      const out = run('twilio', inbound(sigOf(`${LOCAL}/hooks/twilio`)), ['tok']);
      assert.deepEqual(codes(sigCheck(out)), ['wrong_url']);
    });
    test('with or without the default port is accepted (twilio-node does the same)', () => {
      const out = run('twilio', inbound(sigOf('https://abc.ngrok.app:443/hooks/twilio')), ['tok']);
      assert.equal(sigCheck(out).code, 'ok');
    });
  });

  test('payload_hash computed over re-serialised JSON (Vonage) → no_matching_signature (payload_hash_mismatch) + reserialized_json', () => {
    const compact = '{"status":"answered","uuid":"u1","conversation_uuid":"c1"}';
    const pretty = JSON.stringify(JSON.parse(compact), null, 2);
    const signed = signRequest({ provider: 'vonage', secret: 'vs', body: enc(compact), contentType: 'application/json', url: `${LOCAL}/hooks/v`, now: T0 }, nodeCryptoPort);
    const out = run('vonage', { body: enc(pretty), rawHeaders: signed.headers }, ['vs']);
    assert.equal(sigCheck(out).code, 'no_matching_signature');
    assert.equal(sigCheck(out).detail.bodyBinding, 'payload_hash_mismatch');
    assert.deepEqual(codes(sigCheck(out)), ['reserialized_json']);
  });

  test('a plain wrong secret gets no diagnosis', () => {
    const out = run('dialnexa', { body: enc(COMPACT), rawHeaders: [['X-DialNexa-Signature', hmacHex('sha256', 'nobody-knows', COMPACT)]] }, [SECRET]);
    assert.equal(sigCheck(out).code, 'no_matching_signature');
    assert.deepEqual(sigCheck(out).diagnosis, []);
  });

  test('the work is bounded: many other secrets and secrets cost at most MAX_DIAGNOSIS_MACS extra MACs', () => {
    let macs = 0;
    const counting: CryptoPort = { ...nodeCryptoPort, hmac: (a, k, d) => (macs++, nodeCryptoPort.hmac(a, k, d)), hash: (a, d) => (a === 'md5' && macs++, nodeCryptoPort.hash(a, d)) };
    const secrets = Array.from({ length: 10 }, (_, i) => `secret-${i}`);
    const others = Array.from({ length: 50 }, (_, i) => ({ value: `other-${i}`, label: `o${i}` }));
    const out = run('dialnexa', { body: enc(PRETTY), rawHeaders: [['X-DialNexa-Signature', 'ab'.repeat(32)]] }, secrets, { others, crypto: counting });
    assert.equal(sigCheck(out).code, 'no_matching_signature');
    assert.ok(macs <= secrets.length + MAX_DIAGNOSIS_MACS, `${macs} MACs`);
  });
});

describe('timestamp hints', () => {
  const tsCheck = (out: ReturnType<typeof run>) => out.checks.find((c) => c.id === 'timestamp') as CheckResult;

  test('milliseconds: Stripe t in ms', () => {
    const body = '{"id":"evt_1","type":"customer.created"}';
    const t = String(T0);
    const out = run('stripe', { body: enc(body), rawHeaders: [['Stripe-Signature', `t=${t},v1=${hmacHex('sha256', 'whsec_x', `${t}.${body}`)}`]] }, ['whsec_x']);
    assert.equal(sigCheck(out).code, 'ok');
    assert.equal(tsCheck(out).code, 'too_new');
    assert.deepEqual(codes(tsCheck(out)), ['milliseconds']);
  });

  test('timezone: BlackBox ISO local time without a zone, 2 hours behind UTC', () => {
    const local = new Date(T0 - 2 * 3600_000).toISOString().slice(0, 19);
    const body = JSON.stringify({ type: 'CompletedWebHookPayload', callId: 'c1', timestamp: local });
    const out = run('blackbox', { body: enc(body), receivedAt: T0 + 20_000, rawHeaders: [['X-BlackBox-Signature', hmacHex('sha256', 'bb', body)]] }, ['bb']);
    assert.equal(tsCheck(out).code, 'too_old');
    assert.equal(tsCheck(out).detail.zoneMissing, true);
    assert.deepEqual(codes(tsCheck(out)), ['timezone']);
    assert.match(tsCheck(out).diagnosis[0].summary, /2 hours/);
  });

  test('timezone: a wrong offset one hour ahead', () => {
    const body = JSON.stringify({ type: 'CompletedWebHookPayload', callId: 'c1', timestamp: '2026-01-15T12:00:00-01:00' });
    const out = run('blackbox', { body: enc(body), rawHeaders: [['X-BlackBox-Signature', hmacHex('sha256', 'bb', body)]] }, ['bb']);
    assert.equal(tsCheck(out).code, 'too_new');
    assert.deepEqual(codes(tsCheck(out)), ['timezone']);
  });

  test('clock_drift: Slack timestamp 330 s old with a 300 s tolerance', () => {
    const ts = String(T0 / 1000 - 330);
    const body = '{"type":"url_verification","challenge":"x"}';
    const out = run('slack', { body: enc(body), rawHeaders: [['X-Slack-Request-Timestamp', ts], ['X-Slack-Signature', `v0=${hmacHex('sha256', 'sl', `v0:${ts}:${body}`)}`]] }, ['sl']);
    assert.equal(tsCheck(out).code, 'too_old');
    assert.equal(tsCheck(out).detail.skewSeconds, 330);
    assert.deepEqual(codes(tsCheck(out)), ['clock_drift']);
  });

  test('a 10-minute-old replay gets no hint; the skew is reported even when the signature fails', () => {
    const ts = String(T0 / 1000 - 600);
    const out = run('slack', { body: enc('{}'), rawHeaders: [['X-Slack-Request-Timestamp', ts], ['X-Slack-Signature', `v0=${'0'.repeat(64)}`]] }, ['sl']);
    assert.equal(sigCheck(out).code, 'no_matching_signature');
    assert.equal(tsCheck(out).code, 'too_old');
    assert.equal(tsCheck(out).detail.signatureVerified, false);
    assert.deepEqual(tsCheck(out).diagnosis, []);
  });

  test('missing and unparseable timestamps', () => {
    const body = JSON.stringify({ type: 'CompletedWebHookPayload', callId: 'c1' });
    const missing = run('blackbox', { body: enc(body), rawHeaders: [['X-BlackBox-Signature', hmacHex('sha256', 'bb', body)]] }, ['bb']);
    assert.equal(tsCheck(missing).code, 'missing_timestamp');
    const bad = JSON.stringify({ type: 'CompletedWebHookPayload', callId: 'c1', timestamp: 'yesterday' });
    const unparseable = run('blackbox', { body: enc(bad), rawHeaders: [['X-BlackBox-Signature', hmacHex('sha256', 'bb', bad)]] }, ['bb']);
    assert.equal(tsCheck(unparseable).code, 'unparseable_timestamp');
    const slack = run('slack', { body: enc('{}'), rawHeaders: [['X-Slack-Request-Timestamp', '12:00'], ['X-Slack-Signature', `v0=${'0'.repeat(64)}`]] }, ['sl']);
    assert.equal(tsCheck(slack).code, 'unparseable_timestamp');
  });

  test('DialNexa without a payload timestamp: skipped, not failed', () => {
    const body = '{"event":"call.completed","call_id":"c1"}';
    const out = run('dialnexa', { body: enc(body), rawHeaders: [['X-DialNexa-Signature', hmacHex('sha256', 'd', body)]] }, ['d']);
    assert.equal(tsCheck(out).outcome, 'skip');
    assert.equal(tsCheck(out).code, 'no_timestamp_in_payload');
    assert.equal(out.verdict, 'verified');
    assert.equal(out.idempotencyKey, 'c1:call.completed');
  });
});
