import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConfigValue, DeliverySummary, ListDeliveriesArgs, SecretInfo } from '../../../../shared/api';
import { configSchema } from '../../../../shared/config';
import { HookscopeError } from '../../../../shared/result';
import { buildReadiness, RECENT_DELIVERIES, recentSummary, type BuildReadinessArgs } from '../../../../electron/core/readiness/build-readiness';
import { createFingerprinter } from '../../../../electron/core/store/key-ring';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const STRONG = 'f3a9c1e07b5d42a8e6c0b9d1f7a3e5c2';
// no data key in a pure unit test: an explicit keyed fingerprinter
const fingerprint = createFingerprinter(Buffer.alloc(32, 5));

const config = configSchema.parse({
  sources: [
    { id: 'bb-prod', provider: 'blackbox', environment: 'production', secrets: ['env:BB'], authTokens: ['env:TOKEN'] },
    { id: 'bb-dev', provider: 'blackbox', environment: 'development', secrets: ['env:BB'] },
  ],
});

const secretInfo: SecretInfo = {
  ref: 'env:BB', kind: 'env', label: null, retiresAt: null, fingerprint: 'aaaa1111', resolved: true, strength: 'strong', problem: null,
};

function summary(verdict: 'verified' | 'rejected', codes: string[] = []): DeliverySummary {
  return {
    id: `d-${Math.random()}`, sourceId: 'bb-prod', receivedAt: new Date(NOW).toISOString(), method: 'POST', path: '/hooks/bb-prod',
    eventType: null, verdict, status: verdict === 'verified' ? 200 : 401,
    checks: [{ id: 'transport', outcome: 'pass', code: 'ok' }, ...codes.map((code) => ({ id: 'signature' as const, outcome: 'fail' as const, code }))],
    duplicateOf: null, forward: null, size: 2, clientIp: '127.0.0.1',
  };
}

function args(over: Partial<BuildReadinessArgs> = {}): BuildReadinessArgs & { listed: ListDeliveriesArgs[] } {
  const listed: ListDeliveriesArgs[] = [];
  const view: ConfigValue = { config, secrets: { 'bb-prod': [secretInfo], 'bb-dev': [secretInfo] }, path: null };
  return {
    listed,
    sourceId: 'bb-prod',
    config: { current: () => config, view: () => view, chainSource: () => ({ authTokens: [STRONG] }) },
    store: {
      list(a) {
        listed.push(a);
        return { items: [summary('verified'), summary('rejected', ['no_matching_signature'])] };
      },
    },
    tunnel: { state: 'off', url: null, message: 'Tunnel off' },
    fingerprint,
    clock: { now: () => NOW },
    ...over,
  };
}

describe('buildReadiness', () => {
  it('gathers the context from the services and runs the checklist', async () => {
    const a = args();
    const items = await buildReadiness(a);
    const byId = Object.fromEntries(items.map((i) => [i.id, i]));
    assert.deepEqual(a.listed, [{ sourceId: 'bb-prod', limit: RECENT_DELIVERIES }]);
    assert.equal(byId['environment-separation'].status, 'fail', 'the dev source shares the secret');
    assert.match(byId['environment-separation'].detail, /"bb-dev"/);
    assert.equal(byId['recent-deliveries'].status, 'warn');
    assert.match(byId['recent-deliveries'].detail, /no_matching_signature/);
    assert.equal(byId['auth-token'].status, 'pass', 'token described from the chain value');
    assert.equal(byId.https.status, 'fail');
  });

  it('describes auth tokens from the environment when given', async () => {
    const items = await buildReadiness(args({ env: {} }));
    const token = items.find((i) => i.id === 'auth-token');
    assert.equal(token?.status, 'fail');
    assert.match(token?.detail ?? '', /TOKEN is not set/);
  });

  it('refuses an unknown source with not_found', async () => {
    await assert.rejects(() => buildReadiness(args({ sourceId: 'nope' })), (e: unknown) => e instanceof HookscopeError && e.code === 'not_found');
  });
});

describe('recentSummary', () => {
  it('counts verdicts and collects failing codes only', () => {
    const items = [summary('verified'), summary('rejected', ['too_old']), summary('rejected', ['no_matching_signature', 'missing_token'])];
    assert.deepEqual(recentSummary(items), { verified: 1, rejected: 2, lastFailedCodes: ['too_old', 'no_matching_signature', 'missing_token'] });
  });
});
