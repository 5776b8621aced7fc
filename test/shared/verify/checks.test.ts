/** transport, source-ip, rate-limit, auth-token, payload, status mapping, observe mode, misuse and hostile input. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECK_IDS, type CheckResult } from '../../../shared/checks';
import { PROVIDER_IDS, type ProviderId } from '../../../shared/providers';
import { runChain } from '../../../shared/verify/chain';
import { createRateLimiter } from '../../../shared/verify/rate-limiter';
import { toBase64Url, toHex } from '../../../shared/verify/support/encoding';
import type { InboundRequest, RateLimitPort } from '../../../shared/verify/types';
import { nodeCryptoPort } from '../../helpers/node-crypto-port';
import { T0, type SecretSpec, enc, makePorts, makeRequest, makeSource } from './fixtures';

const SECRET = 'bb-secret';
const BODY = JSON.stringify({ type: 'CompletedWebHookPayload', callId: 'call-1', agentId: 'a-1', timestamp: new Date(T0).toISOString() });
const SIG = toHex(nodeCryptoPort.hmac('sha256', SECRET, BODY));

function run(
  req: Partial<InboundRequest> = {},
  opts: { config?: Record<string, unknown>; secrets?: SecretSpec[]; authTokens?: string[]; rateLimiter?: RateLimitPort; provider?: ProviderId } = {},
) {
  return runChain(
    makeRequest({ body: enc(BODY), rawHeaders: [['X-BlackBox-Signature', SIG], ['Content-Type', 'application/json']], ...req }),
    makeSource(opts.provider ?? 'blackbox', { secrets: opts.secrets ?? [SECRET], config: opts.config, authTokens: opts.authTokens }),
    makePorts({ rateLimiter: opts.rateLimiter }),
  );
}
const get = (out: ReturnType<typeof run>, id: string) => out.checks.find((c) => c.id === id) as CheckResult;
const withHeaders = (...extra: Array<[string, string]>): Array<[string, string]> => [['X-BlackBox-Signature', SIG], ...extra];

test('every check reports, in chain order', () => {
  const out = run();
  assert.deepEqual(out.checks.map((c) => c.id), [...CHECK_IDS]);
  assert.equal(out.verdict, 'verified');
  assert.equal(out.eventType, 'CompletedWebHookPayload');
});

describe('transport', () => {
  test('direct plain HTTP → warn plain_http (still verified); X-Forwarded-Proto ignored and said so', () => {
    const out = run({ rawHeaders: withHeaders(['X-Forwarded-Proto', 'https']) });
    assert.equal(get(out, 'transport').outcome, 'warn');
    assert.equal(get(out, 'transport').code, 'plain_http');
    assert.equal(get(out, 'transport').detail.forwardedProtoIgnored, true);
    assert.equal(out.verdict, 'verified');
  });
  test('via the tunnel with X-Forwarded-Proto: https → pass', () => {
    const out = run({ viaTunnel: true, publicBaseUrl: 'https://x.ngrok.app', rawHeaders: withHeaders(['X-Forwarded-Proto', 'https']) });
    assert.equal(get(out, 'transport').code, 'ok');
  });
  test('via the tunnel over http → fail plain_http, 403', () => {
    const out = run({ viaTunnel: true, publicBaseUrl: 'http://x.ngrok.app', rawHeaders: withHeaders(['X-Forwarded-Proto', 'http']) });
    assert.equal(get(out, 'transport').outcome, 'fail');
    assert.equal(out.status, 403);
    assert.equal(out.responseBody, '{"error":"Forbidden"}');
  });
});

describe('source-ip', () => {
  const allow = { allowIps: ['52.202.195.0/24', '2001:db8::/32'] };
  test('skipped without an allowlist', () => {
    assert.equal(get(run(), 'source-ip').code, 'no_allowlist');
  });
  test('IPv4 inside / outside the range', () => {
    assert.equal(get(run({ remoteAddress: '52.202.195.162' }, { config: allow }), 'source-ip').code, 'ok');
    const out = run({ remoteAddress: '52.202.196.1' }, { config: allow });
    assert.equal(get(out, 'source-ip').code, 'not_allowed');
    assert.equal(out.status, 403);
    assert.equal(out.responseBody, '{"error":"Forbidden"}');
  });
  test('IPv6 inside / outside', () => {
    assert.equal(get(run({ remoteAddress: '2001:db8:1::5' }, { config: allow }), 'source-ip').code, 'ok');
    assert.equal(get(run({ remoteAddress: '2001:db9::5' }, { config: allow }), 'source-ip').code, 'not_allowed');
  });
  test('::ffff:-mapped peer matches an IPv4 range, and a mapped range matches an IPv4 peer', () => {
    const out = run({ remoteAddress: '::ffff:52.202.195.162' }, { config: allow });
    assert.equal(get(out, 'source-ip').code, 'ok');
    assert.equal(out.clientIp, '52.202.195.162');
    assert.equal(get(run({ remoteAddress: '10.1.2.3' }, { config: { allowIps: ['::ffff:10.0.0.0/104'] } }), 'source-ip').code, 'ok');
  });
  test('X-Forwarded-For is honoured only via the tunnel (the entry the tunnel appended: the last)', () => {
    const tunnel = run(
      { remoteAddress: '127.0.0.1', viaTunnel: true, publicBaseUrl: 'https://x.ngrok.app', rawHeaders: withHeaders(['X-Forwarded-Proto', 'https'], ['X-Forwarded-For', '10.0.0.1, 52.202.195.9']) },
      { config: allow },
    );
    assert.equal(get(tunnel, 'source-ip').code, 'ok');
    assert.equal(tunnel.clientIp, '52.202.195.9');
    const spoofed = run(
      { remoteAddress: '127.0.0.1', viaTunnel: true, publicBaseUrl: 'https://x.ngrok.app', rawHeaders: withHeaders(['X-Forwarded-Proto', 'https'], ['X-Forwarded-For', '52.202.195.9, 10.0.0.1']) },
      { config: allow },
    );
    assert.equal(get(spoofed, 'source-ip').code, 'not_allowed', 'a spoofed leading entry is not trusted');
    const direct = run({ remoteAddress: '198.51.100.4', rawHeaders: withHeaders(['X-Forwarded-For', '52.202.195.9']) }, { config: allow });
    assert.equal(get(direct, 'source-ip').code, 'not_allowed');
    assert.equal(get(direct, 'source-ip').detail.forwardedForIgnored, true);
    assert.equal(direct.clientIp, '198.51.100.4');
  });
  test('garbage in X-Forwarded-For via the tunnel is refused, not crashed on', () => {
    const out = run({ viaTunnel: true, publicBaseUrl: 'https://x', rawHeaders: withHeaders(['X-Forwarded-Proto', 'https'], ['X-Forwarded-For', 'not-an-ip']) }, { config: allow });
    assert.equal(get(out, 'source-ip').code, 'not_allowed');
  });
});

describe('rate-limit', () => {
  test('per client IP per source; 429 with Retry-After; a new window allows again', () => {
    const limiter = createRateLimiter();
    const config = { rateLimit: { max: 2, windowSeconds: 60 } };
    assert.equal(get(run({ receivedAt: T0 }, { config, rateLimiter: limiter }), 'rate-limit').code, 'ok');
    assert.equal(get(run({ receivedAt: T0 + 1000 }, { config, rateLimiter: limiter }), 'rate-limit').code, 'ok');
    const third = run({ receivedAt: T0 + 15_000 }, { config, rateLimiter: limiter });
    assert.equal(get(third, 'rate-limit').code, 'exceeded');
    assert.equal(third.status, 429);
    assert.equal(third.responseHeaders['Retry-After'], '45');
    assert.equal(third.responseBody, '{"error":"Too Many Requests"}');
    assert.equal(get(run({ receivedAt: T0 + 15_000, remoteAddress: '10.9.9.9' }, { config, rateLimiter: limiter }), 'rate-limit').code, 'ok', 'other IP');
    assert.equal(get(run({ receivedAt: T0 + 60_000 }, { config, rateLimiter: limiter }), 'rate-limit').code, 'ok', 'next window');
  });
  test('skipped when rateLimit is null', () => {
    assert.equal(get(run(), 'rate-limit').outcome, 'skip');
  });
});

describe('auth-token', () => {
  const authTokens = ['tok-123'];
  test('skipped when none configured', () => assert.equal(get(run(), 'auth-token').outcome, 'skip'));
  test('missing → missing_token 401', () => {
    const out = run({}, { authTokens });
    assert.equal(get(out, 'auth-token').code, 'missing_token');
    assert.equal(out.status, 401);
  });
  test('wrong → wrong_token, and the value is not echoed', () => {
    const out = run({ rawHeaders: withHeaders(['X-Auth-Token', 'tok-999']) }, { authTokens });
    assert.equal(get(out, 'auth-token').code, 'wrong_token');
    assert.ok(!JSON.stringify(out.checks).includes('tok-'));
  });
  test('header or ?token= query', () => {
    assert.equal(get(run({ rawHeaders: withHeaders(['X-Auth-Token', 'tok-123']) }, { authTokens }), 'auth-token').code, 'ok');
    assert.equal(get(run({ target: '/hooks/bb?token=tok-123' }, { authTokens }), 'auth-token').code, 'ok');
  });
});

describe('payload', () => {
  test('too large → 413; signature, timestamp and duplicate skip with the reason', () => {
    const out = run({ bodyTruncated: true });
    assert.equal(get(out, 'payload').code, 'too_large');
    assert.equal(out.status, 413);
    assert.equal(out.responseBody, '{"error":"Payload Too Large"}');
    for (const id of ['signature', 'timestamp', 'duplicate']) {
      assert.equal(get(out, id).outcome, 'skip', id);
      assert.equal(get(out, id).detail.reason, 'body not read in full');
    }
  });
  test('invalid JSON with a valid signature → invalid_body 400', () => {
    const body = '{"type": "CompletedWebHookPayload",';
    const out = run({ body: enc(body), rawHeaders: [['X-BlackBox-Signature', toHex(nodeCryptoPort.hmac('sha256', SECRET, body))]] });
    assert.equal(get(out, 'signature').code, 'ok');
    assert.equal(get(out, 'payload').code, 'invalid_body');
    assert.equal(out.status, 400);
    assert.equal(out.responseBody, '{"error":"Bad Request"}');
  });
  test('invalid UTF-8 where JSON is expected → invalid_body', () => {
    const body = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const out = run({ body, rawHeaders: [['X-BlackBox-Signature', toHex(nodeCryptoPort.hmac('sha256', SECRET, body))]] });
    assert.equal(get(out, 'payload').code, 'invalid_body');
    assert.match(get(out, 'payload').summary, /UTF-8/);
  });
  test('unknown event type → warn, still verified', () => {
    const body = JSON.stringify({ type: 'BrandNewWebHookPayload', callId: 'c', timestamp: new Date(T0).toISOString() });
    const out = run({ body: enc(body), rawHeaders: [['X-BlackBox-Signature', toHex(nodeCryptoPort.hmac('sha256', SECRET, body))]] });
    assert.equal(get(out, 'payload').code, 'unknown_event_type');
    assert.equal(out.verdict, 'verified');
    assert.equal(out.eventType, 'BrandNewWebHookPayload');
  });
  test('BlackBox idempotency: eventId when present, else sha256 of the seed\'s stable fields', () => {
    const withId = JSON.stringify({ eventId: 'evt-9', type: 'StartWebHookPayload', timestamp: new Date(T0).toISOString() });
    assert.equal(run({ body: enc(withId), rawHeaders: [['X-BlackBox-Signature', toHex(nodeCryptoPort.hmac('sha256', SECRET, withId))]] }).idempotencyKey, 'evt-9');
    const seedShape = JSON.stringify({ event: 'call.completed', timestamp: new Date(T0).toISOString(), data: { callId: 'c-1', agentId: 'a-1' } });
    const expected = toHex(nodeCryptoPort.hash('sha256', JSON.stringify({ event: 'call.completed', timestamp: new Date(T0).toISOString(), callId: 'c-1', agentId: 'a-1' })));
    assert.equal(run({ body: enc(seedShape), rawHeaders: [['X-BlackBox-Signature', toHex(nodeCryptoPort.hmac('sha256', SECRET, seedShape))]] }).idempotencyKey, expected);
  });
});

describe('status and modes', () => {
  test('the first failing check in chain order sets the status', () => {
    const out = run({ remoteAddress: '10.0.0.1', rawHeaders: [['X-BlackBox-Signature', '00'.repeat(32)]] }, { config: { allowIps: ['192.0.2.0/24'] } });
    assert.equal(get(out, 'signature').code, 'no_matching_signature');
    assert.equal(out.status, 403);
  });
  test('observe mode: always 200 {"success":true}, verdict still rejected', () => {
    const out = run({ rawHeaders: [['X-BlackBox-Signature', '00'.repeat(32)]] }, { config: { mode: 'observe', rateLimit: { max: 1, windowSeconds: 60 } } });
    assert.equal(out.verdict, 'rejected');
    assert.equal(out.status, 200);
    assert.equal(out.responseBody, '{"success":true}');
    assert.equal(out.responseHeaders['Retry-After'], undefined);
  });
  test('no secret configured → no_secret_configured with a how-to', () => {
    const out = run({}, { secrets: [] });
    assert.equal(get(out, 'signature').code, 'no_secret_configured');
    assert.match(get(out, 'signature').summary, /Settings/);
    assert.equal(out.status, 401);
  });
  test('duplicate is skipped when the signature failed, and the chain only looks keys up', () => {
    const ports = makePorts({ seen: {} });
    const out = runChain(makeRequest({ body: enc(BODY), rawHeaders: [['X-BlackBox-Signature', '00'.repeat(32)]] }), makeSource('blackbox', { secrets: [SECRET] }), ports);
    assert.equal(get(out, 'duplicate').code, 'depends_on_signature');
    assert.equal(ports.lookups.length, 0);
    assert.ok(out.idempotencyKey, 'the key is still computed for the record');
  });
  test('a source with no provider (capture-only): signature, timestamp and duplicate skipped as no provider configured, verified, auth token still enforced', () => {
    const source = makeSource('blackbox');
    const { provider: _dropped, ...config } = source.config;
    const captureOnly = { ...source, config };
    const out = runChain(makeRequest({ body: enc('not json, not signed') }), captureOnly, makePorts());
    for (const id of ['signature', 'timestamp', 'duplicate'] as const) {
      assert.equal(get(out, id).outcome, 'skip', id);
      assert.equal(get(out, id).code, 'no_provider', id);
      assert.match(get(out, id).summary, /no provider configured/, id);
    }
    assert.equal(get(out, 'payload').outcome, 'skip');
    assert.equal(out.verdict, 'verified');
    assert.equal(out.status, 200);
    const guarded = runChain(makeRequest({ body: enc('x') }), { ...captureOnly, authTokens: ['tok'] }, makePorts());
    assert.equal(get(guarded, 'auth-token').code, 'missing_token');
    assert.equal(guarded.verdict, 'rejected');
    const tooLarge = runChain(makeRequest({ body: enc('x'), bodyTruncated: true }), captureOnly, makePorts());
    assert.equal(get(tooLarge, 'payload').code, 'too_large');
  });
  test('an unknown preset is misuse and throws', () => {
    const source = makeSource('blackbox', { secrets: [SECRET] });
    const bad = { ...source, config: { ...source.config, provider: 'nope' as ProviderId } };
    assert.throws(() => runChain(makeRequest(), bad, makePorts()), /Unknown provider preset/);
  });
});

describe('malformed signatures', () => {
  const jwt = (header: object, claims: object) => `${toBase64Url(enc(JSON.stringify(header)))}.${toBase64Url(enc(JSON.stringify(claims)))}.`;
  const cases: Array<[ProviderId, Array<[string, string]>]> = [
    ['stripe', [['Stripe-Signature', 'v1=abcdef']]],
    ['stripe', [['Stripe-Signature', 't=123']]],
    ['vonage', [['Authorization', `Bearer ${jwt({ alg: 'none', typ: 'JWT' }, { iat: 1 })}`]]],
    ['vonage', [['Authorization', `Bearer ${jwt({ alg: 'RS256', typ: 'JWT' }, { iat: 1 })}sig`]]],
    ['vonage', [['Authorization', 'Bearer a.b']]],
    ['vonage', [['Authorization', 'Basic dXNlcjpwYXNz']]],
    ['github', [['X-Hub-Signature-256', 'sha256=zz']]],
    ['dialnexa', [['X-DialNexa-Signature', 'zz'], ['X-DialNexa-Signature', 'not-hex']]],
    ['standard-webhooks', [['webhook-id', 'm'], ['webhook-timestamp', '1'], ['webhook-signature', 'v2,abc']]],
  ];
  for (const [provider, headers] of cases) {
    test(`${provider}: ${headers.map(([, v]) => v.slice(0, 30)).join(' | ')}`, () => {
      const out = runChain(makeRequest({ body: enc('{}'), rawHeaders: headers }), makeSource(provider, { secrets: ['s'] }), makePorts());
      assert.equal(get(out, 'signature').code, 'malformed_signature');
      assert.equal(out.status, 401);
    });
  }
});

describe('hostile input never throws', () => {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const junk = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
  const junkText = (n: number) => String.fromCharCode(...Array.from({ length: n }, () => 32 + Math.floor(rand() * 95)));
  const headerNames = ['X-BlackBox-Signature', 'X-DialNexa-Signature', 'Authorization', 'Stripe-Signature', 'X-Hub-Signature-256', 'X-Slack-Signature', 'X-Slack-Request-Timestamp', 'webhook-id', 'webhook-timestamp', 'webhook-signature', 'svix-signature', 'X-Shopify-Hmac-Sha256', 'X-Twilio-Signature', 'X-Signature', 'X-Forwarded-For', 'X-Forwarded-Proto', 'Content-Type', 'X-Auth-Token'];
  test('garbage headers, huge values, non-UTF-8 bodies, odd targets — for every preset', () => {
    for (const provider of PROVIDER_IDS) {
      for (let i = 0; i < 12; i++) {
        const rawHeaders: Array<[string, string]> = headerNames.filter(() => rand() < 0.5).map((n) => [n, rand() < 0.1 ? 'x'.repeat(20_000) : junkText(1 + Math.floor(rand() * 80))]);
        if (rand() < 0.3) rawHeaders.push(['Authorization', `Bearer ${junkText(20)}.${junkText(30)}.${junkText(10)}`]);
        if (rand() < 0.3) rawHeaders.push(['Content-Type', rand() < 0.5 ? 'application/x-www-form-urlencoded' : 'application/json']);
        const req = makeRequest({
          method: rand() < 0.2 ? 'GET' : 'POST',
          target: rand() < 0.3 ? `/hooks/x?${junkText(40)}` : '/hooks/x?sig=%E0%A4%A&timestamp=%%%',
          rawHeaders,
          body: rand() < 0.5 ? junk(Math.floor(rand() * 2000)) : enc(`{"type":${junkText(10)}`),
          remoteAddress: rand() < 0.5 ? junkText(12) : '::ffff:1.2.3.4',
          viaTunnel: rand() < 0.5,
          publicBaseUrl: rand() < 0.5 ? 'https://x.ngrok.app' : junkText(10),
        });
        const config = { ...(provider === 'generic-hmac' ? { scheme: { header: 'X-Signature', template: '{timestamp}{body}', timestamp: { from: 'header', name: 'X-Ts' } } } : {}), allowIps: ['1.2.3.0/24'], rateLimit: { max: 5, windowSeconds: 1 } };
        const out = runChain(req, makeSource(provider, { secrets: ['s1', 'whsec_AAAA'], authTokens: ['t'], config }), makePorts());
        assert.deepEqual(out.checks.map((c) => c.id), [...CHECK_IDS], provider);
        assert.ok([200, 400, 401, 403, 413, 429].includes(out.status), `${provider} ${out.status}`);
        assert.ok(out.checks.every((c) => c.code !== 'check_error'), `${provider}: ${JSON.stringify(out.checks.find((c) => c.code === 'check_error'))}`);
      }
    }
  });
});
