import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReadinessItem, SecretInfo } from '../../../../shared/api';
import { sourceSchema, type SourceConfig } from '../../../../shared/config';
import { READINESS_ITEM_IDS, readinessFor, type ReadinessContext } from '../../../../electron/core/readiness/checklist';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const HOUR = 3_600_000;
const BLACKBOX_PRODUCTION = ['52.202.195.162/32', '34.226.14.86/32', '3.218.180.13/32'];

function info(over: Partial<SecretInfo> = {}): SecretInfo {
  return {
    ref: 'env:BLACKBOX_WEBHOOK_SECRET',
    kind: 'env',
    label: null,
    retiresAt: null,
    fingerprint: 'aaaa1111',
    resolved: true,
    strength: 'strong',
    problem: null,
    ...over,
  };
}

function makeSource(over: Record<string, unknown> = {}): SourceConfig {
  return sourceSchema.parse({
    id: 'bb-prod',
    provider: 'blackbox',
    environment: 'production',
    secrets: ['env:BLACKBOX_WEBHOOK_SECRET'],
    toleranceSeconds: 300,
    allowIps: BLACKBOX_PRODUCTION,
    authTokens: ['env:WEBHOOK_AUTH_TOKEN'],
    mode: 'enforce',
    forward: { url: 'http://localhost:3000/webhooks/blackbox', timeoutMs: 5000 },
    ...over,
  });
}

function makeCtx(over: Partial<ReadinessContext> = {}): ReadinessContext {
  const secrets = over.secrets ?? [info()];
  return {
    secrets,
    authTokens: [info({ ref: 'env:WEBHOOK_AUTH_TOKEN', fingerprint: 'bbbb2222' })],
    tunnel: { state: 'online', url: 'https://abc123.ngrok.app', message: 'Online' },
    recent: { verified: 20, rejected: 0, lastFailedCodes: [] },
    allSecrets: { 'bb-prod': secrets, 'bb-dev': [info({ ref: 'env:BLACKBOX_DEV_SECRET', fingerprint: 'cccc3333' })] },
    environments: { 'bb-prod': 'production', 'bb-dev': 'development' },
    now: NOW,
    ...over,
  };
}

function check(source: SourceConfig, ctx: ReadinessContext, id: string): ReadinessItem {
  const found = readinessFor(source, ctx).find((i) => i.id === id);
  assert.ok(found, `item ${id} present`);
  return found;
}

describe('readinessFor', () => {
  it('passes every item for a well-configured production source, in the documented order', () => {
    const items = readinessFor(makeSource(), makeCtx());
    assert.deepEqual(items.map((i) => i.id), [...READINESS_ITEM_IDS]);
    for (const item of items) {
      assert.equal(item.status, 'pass', `${item.id}: ${item.detail}`);
      assert.ok(item.label.length > 0 && item.detail.length > 0);
    }
  });

  it('lists every item for a capture-only source (no provider), naming it as such instead of a preset', () => {
    const source = makeSource({ provider: undefined, environment: 'development', allowIps: undefined });
    assert.equal(source.provider, undefined);
    const items = readinessFor(source, makeCtx({ secrets: [] }));
    assert.deepEqual(items.map((i) => i.id), [...READINESS_ITEM_IDS]);
    assert.match(check(source, makeCtx({ secrets: [] }), 'secret-strength').detail, /No provider \(capture only\)/);
  });

  it('fails a production source whose secret is a literal in the config file, and never shows the value', () => {
    const literal = 'whsec_supersecretliteralvalue_0123456789ABCDEF';
    const source = makeSource({ secrets: [literal] });
    const ctx = makeCtx({ secrets: [info({ ref: 'fp:1234abcd', kind: 'literal', fingerprint: '1234abcd' })] });
    const items = readinessFor(source, ctx);
    const storage = items.find((i) => i.id === 'secret-storage');
    assert.equal(storage?.status, 'fail');
    assert.match(storage?.detail ?? '', /secrets\[0\] \(fp:1234abcd\) is written in the config file as plain text/);
    assert.match(storage?.detail ?? '', /env:NAME/);
    for (const item of items) assert.ok(!item.detail.includes(literal), `${item.id} leaks the secret`);
  });

  it('only warns about a literal secret outside production', () => {
    const source = makeSource({ environment: 'development', secrets: ['literal-secret'] });
    const ctx = makeCtx({ secrets: [info({ ref: 'fp:1234abcd', kind: 'literal' })], environments: { 'bb-prod': 'development' } });
    assert.equal(check(source, ctx, 'secret-storage').status, 'warn');
  });

  it('flags a literal auth token as well, and accepts encrypted secrets', () => {
    const ctx = makeCtx({
      secrets: [info({ ref: 'fp:0000aaaa', kind: 'encrypted' })],
      authTokens: [info({ ref: 'fp:9999ffff', kind: 'literal' })],
    });
    const item = check(makeSource(), ctx, 'secret-storage');
    assert.equal(item.status, 'fail');
    assert.match(item.detail, /authTokens\[0\]/);
    assert.doesNotMatch(item.detail, /secrets\[0\]/);
  });

  it('is pure: same answer twice, inputs untouched', () => {
    const source = makeSource();
    const ctx = makeCtx();
    const before = structuredClone({ source, ctx });
    assert.deepEqual(readinessFor(source, ctx), readinessFor(source, ctx));
    assert.deepEqual({ source, ctx }, before);
  });

  describe('https', () => {
    it('passes with the tunnel online and names the public URL', () => {
      const item = check(makeSource(), makeCtx(), 'https');
      assert.match(item.detail, /https:\/\/abc123\.ngrok\.app\/hooks\/bb-prod/);
    });
    it('fails in production and warns in development when the tunnel is off', () => {
      const off = makeCtx({ tunnel: { state: 'off', url: null, message: 'Tunnel off' } });
      const prod = check(makeSource(), off, 'https');
      assert.equal(prod.status, 'fail');
      assert.match(prod.detail, /Turn the tunnel on/);
      assert.equal(check(makeSource({ environment: 'staging' }), off, 'https').status, 'warn');
    });
    it('repeats the tunnel error message', () => {
      const ctx = makeCtx({ tunnel: { state: 'error', url: null, message: 'No ngrok authtoken: set NGROK_AUTHTOKEN' } });
      assert.match(check(makeSource(), ctx, 'https').detail, /No ngrok authtoken/);
    });
  });

  describe('signature', () => {
    it('fails without any secret', () => {
      const item = check(makeSource({ secrets: [] }), makeCtx({ secrets: [] }), 'signature');
      assert.equal(item.status, 'fail');
      assert.match(item.detail, /No signing secret/);
    });
    it('fails when no secret resolves, repeating the reason', () => {
      const problem = 'Environment variable BLACKBOX_WEBHOOK_SECRET is not set: export it before starting Hookscope';
      const ctx = makeCtx({ secrets: [info({ resolved: false, fingerprint: null, strength: null, problem })] });
      const item = check(makeSource(), ctx, 'signature');
      assert.equal(item.status, 'fail');
      assert.ok(item.detail.includes(problem));
    });
    it('warns when one of two secrets is broken', () => {
      const ctx = makeCtx({ secrets: [info(), info({ ref: 'env:OLD', label: 'old', problem: 'The secret has leading or trailing whitespace' })] });
      const item = check(makeSource(), ctx, 'signature');
      assert.equal(item.status, 'warn');
      assert.match(item.detail, /secrets\[1\] "old" \(env:OLD\): The secret has leading or trailing whitespace/);
    });
  });

  describe('secret-strength', () => {
    it('wants 32 random characters for BlackBox: fair is a warning', () => {
      const item = check(makeSource(), makeCtx({ secrets: [info({ strength: 'fair' })] }), 'secret-strength');
      assert.equal(item.status, 'warn');
      assert.match(item.detail, /at least 32 random characters/);
    });
    it('accepts a fair secret for Vonage (20 mixed characters)', () => {
      const source = makeSource({ provider: 'vonage', allowIps: undefined });
      const item = check(source, makeCtx({ secrets: [info({ strength: 'fair' })] }), 'secret-strength');
      assert.equal(item.status, 'pass');
      assert.match(item.detail, /at least 20 characters/);
    });
    it('fails a weak secret in production, warns elsewhere', () => {
      const ctx = makeCtx({ secrets: [info({ strength: 'weak' })] });
      assert.equal(check(makeSource({ provider: 'vonage' }), ctx, 'secret-strength').status, 'fail');
      assert.equal(check(makeSource({ provider: 'vonage', environment: 'development' }), ctx, 'secret-strength').status, 'warn');
    });
    it('warns when nothing can be assessed', () => {
      const ctx = makeCtx({ secrets: [info({ resolved: false, strength: null, fingerprint: null })] });
      assert.equal(check(makeSource(), ctx, 'secret-strength').status, 'warn');
    });
  });

  describe('secret-rotation', () => {
    it('warns with the date while a secret is retiring', () => {
      const ctx = makeCtx({ secrets: [info(), info({ ref: 'env:OLD', label: 'old', retiresAt: new Date(NOW + 20 * HOUR).toISOString() })] });
      const item = check(makeSource(), ctx, 'secret-rotation');
      assert.equal(item.status, 'warn');
      assert.match(item.detail, /Rotation in progress: secrets\[1\] "old" \(env:OLD\) retires on 2026-03-02 08:00 UTC \(in 20 h\)/);
    });
    it('fails once the retired secret is past its date', () => {
      const ctx = makeCtx({ secrets: [info(), info({ ref: 'env:OLD', retiresAt: new Date(NOW - HOUR).toISOString() })] });
      const item = check(makeSource(), ctx, 'secret-rotation');
      assert.equal(item.status, 'fail');
      assert.match(item.detail, /retired on 2026-03-01 11:00 UTC/);
      assert.match(item.detail, /remove the retired secret/);
    });
    it('warns when every secret is retiring and no successor exists', () => {
      const ctx = makeCtx({ secrets: [info({ retiresAt: new Date(NOW + 3 * 24 * HOUR).toISOString() })] });
      const item = check(makeSource(), ctx, 'secret-rotation');
      assert.equal(item.status, 'warn');
      assert.match(item.detail, /in 3 days/);
      assert.match(item.detail, /add the new secret now/);
    });
  });

  describe('environment-separation', () => {
    it('fails a production source that shares a secret with a development source', () => {
      const ctx = makeCtx({ allSecrets: { 'bb-prod': [info()], 'bb-dev': [info({ ref: 'env:DEV' })] } });
      const item = check(makeSource(), ctx, 'environment-separation');
      assert.equal(item.status, 'fail');
      assert.match(item.detail, /fingerprint aaaa1111 is also used by the development source "bb-dev"/);
    });
    it('fails the development side of the same sharing too', () => {
      const source = makeSource({ id: 'bb-dev', environment: 'development' });
      const ctx = makeCtx({
        allSecrets: { 'bb-prod': [info()], 'bb-dev': [info()] },
        environments: { 'bb-prod': 'production', 'bb-dev': 'development' },
      });
      const item = check(source, ctx, 'environment-separation');
      assert.equal(item.status, 'fail');
      assert.match(item.detail, /production source "bb-prod"/);
    });
    it('warns when development and staging share, and allows sharing within one environment', () => {
      const dev = makeSource({ id: 'a', environment: 'development' });
      const shared = { a: [info()], b: [info()] };
      assert.equal(check(dev, makeCtx({ allSecrets: shared, environments: { a: 'development', b: 'staging' } }), 'environment-separation').status, 'warn');
      assert.equal(check(dev, makeCtx({ allSecrets: shared, environments: { a: 'development', b: 'development' } }), 'environment-separation').status, 'pass');
    });
  });

  describe('timestamp-tolerance', () => {
    it('passes at 300 s and warns above it', () => {
      assert.equal(check(makeSource({ toleranceSeconds: 300 }), makeCtx(), 'timestamp-tolerance').status, 'pass');
      const item = check(makeSource({ toleranceSeconds: 600 }), makeCtx(), 'timestamp-tolerance');
      assert.equal(item.status, 'warn');
      assert.match(item.detail, /toleranceSeconds is 600/);
      assert.equal(check(makeSource({ toleranceSeconds: 900 }), makeCtx(), 'timestamp-tolerance').status, 'warn');
    });
    it('fails beyond the 900 s hard limit (a config that skipped validation)', () => {
      const source = { ...makeSource(), toleranceSeconds: 1200 };
      assert.equal(check(source, makeCtx(), 'timestamp-tolerance').status, 'fail');
    });
    it('does not judge a tolerance the preset never uses', () => {
      const item = check(makeSource({ provider: 'github', toleranceSeconds: 900 }), makeCtx(), 'timestamp-tolerance');
      assert.equal(item.status, 'pass');
      assert.match(item.detail, /GitHub sends no timestamp/);
    });
  });

  describe('replay-protection', () => {
    it('passes for presets whose signature covers a timestamp', () => {
      for (const provider of ['blackbox', 'stripe', 'slack', 'standard-webhooks', 'vonage', 'vonage-sms']) {
        assert.equal(check(makeSource({ provider }), makeCtx(), 'replay-protection').status, 'pass', provider);
      }
    });
    it('warns for presets without a timestamp, naming the idempotency key', () => {
      const expected: Record<string, RegExp> = {
        github: /X-GitHub-Delivery/,
        shopify: /X-Shopify-Webhook-Id/,
        twilio: /I-Twilio-Idempotency-Token/,
        dialnexa: /call_id \+ event type/,
      };
      for (const [provider, key] of Object.entries(expected)) {
        const item = check(makeSource({ provider }), makeCtx(), 'replay-protection');
        assert.equal(item.status, 'warn', provider);
        assert.match(item.detail, /duplicates are caught only by the idempotency key/, provider);
        assert.match(item.detail, key, provider);
      }
    });
    it('reads a generic-hmac scheme: unsigned header timestamp warns, signed passes, none warns', () => {
      const generic = (scheme: Record<string, unknown>) => makeSource({ provider: 'generic-hmac', scheme: { header: 'X-Sig', ...scheme } });
      const unsigned = check(generic({ timestamp: { from: 'header', name: 'X-Ts' } }), makeCtx(), 'replay-protection');
      assert.equal(unsigned.status, 'warn');
      assert.match(unsigned.detail, /not part of the signed content/);
      const signed = generic({ template: '{timestamp}.{body}', timestamp: { from: 'header', name: 'X-Ts' } });
      assert.equal(check(signed, makeCtx(), 'replay-protection').status, 'pass');
      const none = check(generic({ idempotency: { from: 'header', name: 'X-Event-Id' } }), makeCtx(), 'replay-protection');
      assert.equal(none.status, 'warn');
      assert.match(none.detail, /X-Event-Id/);
    });
  });

  describe('ip-allowlist', () => {
    it("warns without an allowlist and gives BlackBox's published ranges", () => {
      const item = check(makeSource({ allowIps: undefined }), makeCtx(), 'ip-allowlist');
      assert.equal(item.status, 'warn');
      for (const range of [...BLACKBOX_PRODUCTION, '54.210.32.45/32', '18.206.107.29/32']) assert.ok(item.detail.includes(range), range);
    });
    it('warns when a BlackBox production range is missing', () => {
      const item = check(makeSource({ allowIps: ['52.202.195.162/32', '34.226.14.86'] }), makeCtx(), 'ip-allowlist');
      assert.equal(item.status, 'warn');
      assert.match(item.detail, /3\.218\.180\.13\/32/);
      assert.doesNotMatch(item.detail, /34\.226\.14\.86/);
    });
    it('accepts wider ranges that cover the published ones', () => {
      const item = check(makeSource({ allowIps: ['52.202.0.0/16', '34.226.14.0/24', '::ffff:3.218.180.13'] }), makeCtx(), 'ip-allowlist');
      assert.equal(item.status, 'pass');
    });
    it('warns about an entry that admits everyone', () => {
      const item = check(makeSource({ provider: 'github', allowIps: ['0.0.0.0/0'] }), makeCtx(), 'ip-allowlist');
      assert.equal(item.status, 'warn');
      assert.match(item.detail, /0\.0\.0\.0\/0 admits every address/);
    });
    it('points DialNexa users at support', () => {
      assert.match(check(makeSource({ provider: 'dialnexa', allowIps: [] }), makeCtx(), 'ip-allowlist').detail, /ask support/);
    });
  });

  describe('auth-token', () => {
    it('warns that the optional token is missing', () => {
      const item = check(makeSource({ authTokens: undefined }), makeCtx({ authTokens: [] }), 'auth-token');
      assert.equal(item.status, 'warn');
      assert.match(item.detail, /32 random characters/);
      assert.match(item.detail, /\?token=/);
    });
    it('fails a short token in production, warns elsewhere', () => {
      const ctx = makeCtx({ authTokens: [info({ ref: 'env:WEBHOOK_AUTH_TOKEN', strength: 'fair' })] });
      const prod = check(makeSource(), ctx, 'auth-token');
      assert.equal(prod.status, 'fail');
      assert.match(prod.detail, /authTokens\[0\] \(env:WEBHOOK_AUTH_TOKEN\) is fair/);
      assert.equal(check(makeSource({ environment: 'development' }), ctx, 'auth-token').status, 'warn');
    });
    it('fails when no token resolves: every delivery would be refused', () => {
      const ctx = makeCtx({ authTokens: [info({ resolved: false, strength: null, fingerprint: null, problem: 'Environment variable WEBHOOK_AUTH_TOKEN is not set' })] });
      const item = check(makeSource({ environment: 'development' }), ctx, 'auth-token');
      assert.equal(item.status, 'fail');
      assert.match(item.detail, /WEBHOOK_AUTH_TOKEN is not set/);
    });
  });

  describe('rate-limit', () => {
    it('fails when off in production, warns in development', () => {
      const item = check(makeSource({ rateLimit: null }), makeCtx(), 'rate-limit');
      assert.equal(item.status, 'fail');
      assert.match(item.detail, /"max": 100, "windowSeconds": 60/);
      assert.equal(check(makeSource({ rateLimit: null, environment: 'development' }), makeCtx(), 'rate-limit').status, 'warn');
    });
    it('warns when recent deliveries hit the limit', () => {
      const ctx = makeCtx({ recent: { verified: 5, rejected: 3, lastFailedCodes: ['exceeded', 'exceeded'] } });
      assert.equal(check(makeSource(), ctx, 'rate-limit').status, 'warn');
    });
  });

  describe('mode', () => {
    it('fails observe mode in production, warns elsewhere', () => {
      const item = check(makeSource({ mode: 'observe' }), makeCtx(), 'mode');
      assert.equal(item.status, 'fail');
      assert.match(item.detail, /"mode": "enforce"/);
      assert.equal(check(makeSource({ mode: 'observe', environment: 'staging' }), makeCtx(), 'mode').status, 'warn');
    });
  });

  describe('forward-timeout', () => {
    it('wants forward.timeoutMs at most 5000', () => {
      const slow = makeSource({ forward: { url: 'http://localhost:3000/hook', timeoutMs: 10_000 } });
      const item = check(slow, makeCtx(), 'forward-timeout');
      assert.equal(item.status, 'fail');
      assert.match(item.detail, /forward\.timeoutMs is 10000/);
      assert.match(item.detail, /within 5 s/);
      assert.equal(check({ ...slow, environment: 'development' }, makeCtx(), 'forward-timeout').status, 'warn');
    });
    it('passes without a forward target', () => {
      assert.equal(check(makeSource({ forward: null }), makeCtx(), 'forward-timeout').status, 'pass');
    });
  });

  describe('recent-deliveries', () => {
    it('warns before the first delivery', () => {
      const item = check(makeSource(), makeCtx({ recent: { verified: 0, rejected: 0, lastFailedCodes: [] } }), 'recent-deliveries');
      assert.equal(item.status, 'warn');
      assert.match(item.detail, /Send test event/);
    });
    it('fails when every recent delivery was rejected, naming the commonest code and what to do', () => {
      const recent = { verified: 0, rejected: 4, lastFailedCodes: ['no_matching_signature', 'too_old', 'no_matching_signature', 'no_matching_signature'] };
      const item = check(makeSource(), makeCtx({ recent }), 'recent-deliveries');
      assert.equal(item.status, 'fail');
      assert.match(item.detail, /no_matching_signature ×3, too_old/);
      assert.match(item.detail, /For no_matching_signature: the secret differs/);
    });
    it('warns on a mix', () => {
      const recent = { verified: 8, rejected: 2, lastFailedCodes: ['not_allowed', 'not_allowed'] };
      const item = check(makeSource(), makeCtx({ recent }), 'recent-deliveries');
      assert.equal(item.status, 'warn');
      assert.match(item.detail, /2 of 10 recent deliveries were rejected/);
    });
  });
});
