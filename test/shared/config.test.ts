import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../shared/config';

function issues(input: unknown): string[] {
  const r = parseConfig(input);
  assert.equal(r.ok, false, 'expected the config to be refused');
  return r.ok ? [] : r.issues.map((i) => `${i.field}: ${i.message}`);
}

test('defaults fill a minimal source (SPEC §3)', () => {
  const r = parseConfig({ sources: [{ id: 'blackbox', provider: 'blackbox', secrets: ['env:BB'] }] });
  assert.ok(r.ok);
  const s = r.config.sources[0];
  assert.equal(s.toleranceSeconds, 300);
  assert.deepEqual(s.rateLimit, { max: 100, windowSeconds: 60 });
  assert.equal(s.maxBodyBytes, 1048576);
  assert.equal(s.mode, 'enforce');
  assert.deepEqual(r.config.redaction.keys, ['phoneNumber', 'email', 'transcript']);
  assert.equal(r.config.receiver.port, 8787);
});

test('messages name the field and say what is allowed', () => {
  assert.match(issues({ sources: [{ id: 'a', provider: 'blackbox', toleranceSeconds: 901 }] })[0], /^sources\[0\]\.toleranceSeconds: must not exceed 900 seconds/);
  assert.match(issues({ sources: [{ id: 'a', provider: 'nope' }] })[0], /^sources\[0\]\.provider: must be one of the presets: dialnexa, blackbox/);
  assert.match(issues({ sources: [{ id: 'Bad Id', provider: 'github' }] })[0], /^sources\[0\]\.id: must be 1–40 characters/);
  assert.match(issues({ sources: [{ id: 'unmatched', provider: 'github' }] })[0], /^sources\[0\]\.id: is reserved/);
  assert.match(issues({ sources: [{ id: 'a', provider: 'github', colour: 1 }] })[0], /^sources\[0\]: unknown field\(s\) "colour"/);
  assert.match(issues({ sources: [{ id: 'a', provider: 'generic-hmac' }] })[0], /^sources\[0\]\.scheme: is required for provider "generic-hmac"/);
  assert.match(issues({ sources: [{ id: 'a', provider: 'github' }, { id: 'a', provider: 'github' }] })[0], /^sources\[1\]\.id: duplicates another source's id/);
  assert.match(issues({ sources: [{ id: 'a', provider: 'github', allowIps: ['not-an-ip'] }] })[0], /^sources\[0\]\.allowIps\[0\]: must be an IPv4 or IPv6/);
  assert.match(issues({ sources: [{ id: 'a', provider: 'github', secrets: [{ value: 'env:X', retiresAt: 'tomorrow' }] }] })[0], /retiresAt: must be an ISO 8601/);
});
