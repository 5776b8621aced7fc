/**
 * runChain with { explain: false } (the receiver's run: the journal keeps codes) skips evidence text and
 * diagnosis, and must record exactly what a full run records: every check's outcome, code and numbers
 * (what the journal's codes keep, ingest/check-codes.ts), the verdict, the answer, the event type, the
 * idempotency key, the duplicate and the client IP — for every preset and every way a request can fail.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CheckResult } from '../../../shared/checks';
import type { GenericScheme } from '../../../shared/config';
import { PROVIDER_IDS, type ProviderId } from '../../../shared/providers';
import { runChain } from '../../../shared/verify/chain';
import { getPreset } from '../../../shared/verify/presets/index';
import { sampleEvent } from '../../../shared/verify/samples';
import { type SignedRequest, refreshPayloadTimestamp, signRequest } from '../../../shared/verify/signer';
import type { ChainOutput, ChainSource, InboundRequest, RateLimitPort } from '../../../shared/verify/types';
import { nodeCryptoPort } from '../../helpers/node-crypto-port';
import { LOCAL, T0, type SecretSpec, enc, makePorts, makeSource, toInbound } from './fixtures';

/** generic-hmac with everything a scheme can name: a header timestamp, the event id and type from the payload */
const SCHEME: GenericScheme = {
  header: 'X-Hook-Signature',
  algorithm: 'sha1',
  encoding: 'base64',
  prefix: 'v1=',
  template: '{timestamp}:{body}',
  timestamp: { from: 'header', name: 'X-Timestamp' },
  idempotency: { from: 'payload', path: 'id' },
  eventType: { from: 'payload', path: 'type' },
};
const SECRETS: Record<ProviderId, [string, string]> = {
  dialnexa: ['dn-current', 'dn-old'],
  blackbox: ['bb-current', 'bb-old'],
  vonage: ['vonage-signature-secret-1', 'vonage-signature-secret-0'],
  'vonage-sms': ['sms-secret-1', 'sms-secret-0'],
  stripe: ['whsec_stripecurrent', 'whsec_stripeold'],
  github: ['gh-current', 'gh-old'],
  slack: ['slack-current', 'slack-old'],
  'standard-webhooks': [`whsec_${Buffer.from('0123456789abcdef0123').toString('base64')}`, `whsec_${Buffer.from('fedcba9876543210fedc').toString('base64')}`],
  shopify: ['shpss_current', 'shpss_old'],
  twilio: ['twilio-auth-token', 'twilio-old-token'],
  'generic-hmac': ['gen-current', 'gen-old'],
};

let counter = 0;
function signed(provider: ProviderId, opts: { secret?: string; now?: number; body?: Uint8Array } = {}): SignedRequest {
  const now = opts.now ?? T0;
  const scheme = provider === 'generic-hmac' ? SCHEME : undefined;
  const sample = sampleEvent(provider, { now, randomId: () => `r${++counter}`, ...(scheme ? { scheme } : {}) });
  const body = opts.body ?? refreshPayloadTimestamp(provider, sample.body, sample.contentType, now, scheme);
  return signRequest(
    { provider, ...(scheme ? { scheme } : {}), secret: opts.secret ?? SECRETS[provider][0], body, contentType: sample.contentType, url: `${LOCAL}/hooks/src?token=tok`, now, id: `msg_${++counter}`, eventType: sample.eventType },
    nodeCryptoPort,
  );
}

interface Case {
  req: InboundRequest;
  source: ChainSource;
  seen?: Record<string, string>;
  rateLimiter?: () => RateLimitPort;
  others?: Array<{ value: string; label: string }>;
}

/** what the journal records of a check: outcome, code, and its finite numbers in order */
const recorded = (c: CheckResult) => [c.id, c.outcome, c.code, Object.entries(c.detail).filter(([, v]) => typeof v === 'number' && Number.isFinite(v))];
const answerOf = (o: ChainOutput) => ({ ...o, checks: o.checks.map(recorded) });

function both(c: Case): { full: ChainOutput; lean: ChainOutput } {
  const ports = () => makePorts({ seen: c.seen, others: c.others, rateLimiter: c.rateLimiter?.() });
  return { full: runChain(c.req, c.source, ports()), lean: runChain(c.req, c.source, ports(), { explain: false }) };
}

function assertSameRecord(c: Case, what: string): { full: ChainOutput; lean: ChainOutput } {
  const { full, lean } = both(c);
  assert.deepEqual(answerOf(lean), answerOf(full), what);
  for (const check of lean.checks) assert.deepEqual(check.diagnosis, [], `${what}: ${check.id} built no diagnosis`);
  return { full, lean };
}

const source = (provider: ProviderId, secrets: SecretSpec[], config: Record<string, unknown> = {}) =>
  makeSource(provider, { secrets, authTokens: ['tok'], config: { ...(provider === 'generic-hmac' ? { scheme: SCHEME } : {}), ...config } });
const sigHeaders = (provider: ProviderId): string[] => {
  const h = getPreset(provider).signatureHeader(provider === 'generic-hmac' ? SCHEME : null);
  return provider === 'github' ? [h, 'X-Hub-Signature'] : [h];
};
const refused: () => RateLimitPort = () => ({ hit: () => ({ allowed: false, retryAfterSeconds: 17, count: 9 }) });

for (const provider of PROVIDER_IDS) {
  describe(provider, () => {
    const [current, old] = SECRETS[provider];
    const cases = (): Array<[string, Case]> => {
      const ok = signed(provider);
      const inbound = toInbound(ok);
      const first = runChain(inbound, source(provider, [current]), makePorts());
      const names = new Set(sigHeaders(provider).map((h) => h.toLowerCase()));
      const without = inbound.rawHeaders.filter(([n]) => !names.has(n.toLowerCase()));
      const text = new TextDecoder().decode(ok.body);
      const tampered = enc(text.includes('a') ? text.replace('a', 'b') : `${text} `);
      return [
        ['valid', { req: inbound, source: source(provider, [current]) }],
        ['tampered body', { req: { ...inbound, body: tampered }, source: source(provider, [current]) }],
        ['signed with a secret of another source', { req: toInbound(signed(provider, { secret: old })), source: source(provider, [current]), others: [{ value: old, label: 'other source' }] }],
        ['signature headers removed', { req: { ...inbound, rawHeaders: without }, source: source(provider, [current]) }],
        ['signature headers garbled', { req: { ...inbound, rawHeaders: inbound.rawHeaders.map(([n, v]) => [n, names.has(n.toLowerCase()) ? '!!garbled' : v]) }, source: source(provider, [current]) }],
        ['signature header sent twice', { req: { ...inbound, rawHeaders: [...inbound.rawHeaders.filter(([n]) => names.has(n.toLowerCase())).map(([n]): [string, string] => [n, 'v1=00']), ...inbound.rawHeaders] }, source: source(provider, [current]) }],
        ['retiring secret', { req: toInbound(signed(provider, { secret: old })), source: source(provider, [current, { value: old, label: 'old', retiresAt: T0 + 3_600_000 }]) }],
        ['retired secret', { req: toInbound(signed(provider, { secret: old })), source: source(provider, [current, { value: old, label: 'old', retiresAt: T0 - 3_600_000 }]) }],
        ['no secret', { req: inbound, source: source(provider, []) }],
        ['10 minutes old', { req: toInbound(signed(provider, { now: T0 - 600_000 })), source: source(provider, [current]) }],
        ['10 minutes ahead', { req: toInbound(signed(provider, { now: T0 + 600_000 })), source: source(provider, [current]) }],
        ['a day old (a hint for the cause)', { req: toInbound(signed(provider, { now: T0 - 86_400_000 })), source: source(provider, [current]) }],
        ['duplicate', { req: inbound, source: source(provider, [current]), seen: first.idempotencyKey ? { [first.idempotencyKey]: 'dlv_first' } : {} }],
        ['not JSON or form, signed', { req: toInbound(signed(provider, { body: enc('{"unterminated": ') })), source: source(provider, [current]) }],
        ['not UTF-8, signed', { req: toInbound(signed(provider, { body: Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]) })), source: source(provider, [current]) }],
        ['body cut at maxBodyBytes', { req: { ...inbound, bodyTruncated: true }, source: source(provider, [current]) }],
        ['rate limited', { req: inbound, source: source(provider, [current]), rateLimiter: refused }],
        ['outside the allowlist', { req: inbound, source: source(provider, [current], { allowIps: ['10.0.0.0/8'] }) }],
        ['inside the allowlist', { req: inbound, source: source(provider, [current], { allowIps: ['127.0.0.0/8'] }) }],
        ['wrong auth token', { req: { ...inbound, target: inbound.target.replace('token=tok', 'token=nope') }, source: source(provider, [current]) }],
        ['through the tunnel over http', { req: { ...inbound, viaTunnel: true, publicBaseUrl: 'https://abc.ngrok.app', rawHeaders: [...inbound.rawHeaders, ['X-Forwarded-Proto', 'http'], ['X-Forwarded-For', '203.0.113.9']] }, source: source(provider, [current]) }],
        ['observe mode, tampered', { req: { ...inbound, body: tampered }, source: source(provider, [current], { mode: 'observe' }) }],
      ];
    };

    test('every failure mode: the same outcomes, codes, numbers and answer; no diagnosis built', () => {
      const verdicts = new Map<string, string>();
      for (const [what, c] of cases()) verdicts.set(what, assertSameRecord(c, what).full.verdict);
      // the table reaches both sides of the chain for this preset
      assert.equal(verdicts.get('valid'), 'verified');
      assert.equal(verdicts.get('tampered body'), 'rejected');
    });

    test('the codes-only run does skip the explanation (diagnosis, evidence text)', () => {
      const c: Case = { req: toInbound(signed(provider, { secret: old })), source: source(provider, [current]), others: [{ value: old, label: 'other source' }] };
      const { full, lean } = assertSameRecord(c, 'signed with another source\'s secret');
      const sig = (o: ChainOutput) => o.checks.find((x) => x.id === 'signature') as CheckResult;
      assert.equal(sig(full).code, 'no_matching_signature');
      assert.ok(sig(full).diagnosis.length > 0, 'the full run names the other source\'s secret');
      assert.deepEqual(sig(lean).diagnosis, []);
    });

    test('random changes to a signed request (fast-check): the same record', () => {
      const base = toInbound(signed(provider));
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 4 }),
          fc.option(fc.nat(), { nil: undefined }),
          fc.option(fc.tuple(fc.constantFrom(...sigHeaders(provider), 'X-Timestamp', 'webhook-timestamp', 'Content-Type'), fc.string({ maxLength: 80 })), { nil: undefined }),
          fc.integer({ min: -2 * 86_400, max: 2 * 86_400 }),
          fc.boolean(),
          (flips, dropHeader, addHeader, skewSeconds, truncated) => {
            const body = Uint8Array.from(base.body);
            for (const [at, byte] of flips) if (body.length > 0) body[at % body.length] = byte;
            let rawHeaders = base.rawHeaders.filter((_, i) => dropHeader === undefined || i !== dropHeader % base.rawHeaders.length);
            if (addHeader) rawHeaders = [addHeader, ...rawHeaders];
            const req = { ...base, body, rawHeaders, bodyTruncated: truncated && flips.length % 2 === 1, receivedAt: T0 + skewSeconds * 1000 };
            assertSameRecord({ req, source: source(provider, [current, { value: old, label: 'old', retiresAt: T0 }]), others: [{ value: 'x-other', label: 'x' }] }, 'mutated');
          },
        ),
        { numRuns: 60, seed: 10 },
      );
    });
  });
}
