import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../shared/config';

function issues(input: unknown): string[] {
  const r = parseConfig(input);
  assert.equal(r.ok, false, 'expected the config to be refused');
  return r.ok ? [] : r.issues.map((i) => `${i.field}: ${i.message}`);
}

test('defaults fill a minimal source (docs/api.md "Configuration")', () => {
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
  // what a form sends when a number field holds text
  assert.match(issues({ sources: [{ id: 'a', provider: 'github', toleranceSeconds: 'five' }] })[0], /^sources\[0\]\.toleranceSeconds: must be a number of seconds, e\.g\. 300/);
  assert.match(issues({ sources: [{ id: 'a', provider: 'github', rateLimit: { max: 0, windowSeconds: 60 } }] })[0], /rateLimit\.max: must be at least 1 request \(no limit: rateLimit null/);
});

test('generic HMAC scheme: each field says what it needs; a capture-only source takes no scheme', () => {
  const scheme = (s: Record<string, unknown>) => issues({ sources: [{ id: 'a', provider: 'generic-hmac', scheme: s }] });
  assert.match(scheme({ header: '' })[0], /^sources\[0\]\.scheme\.header: must name the header that carries the signature, e\.g\. X-Signature/);
  assert.match(scheme({ header: 'X Sig:' })[0], /scheme\.header: must be a header name/);
  assert.match(scheme({ algorithm: 'md5' })[0], /scheme\.algorithm: must be sha1, sha256 or sha512/);
  assert.match(scheme({ encoding: 'base32' })[0], /scheme\.encoding: must be hex or base64/);
  assert.match(scheme({ template: '{timestamp}' })[0], /scheme\.template: must contain \{body\}/);
  assert.match(scheme({ template: '{ts}.{body}' })[0], /scheme\.template: knows only the placeholders \{body\} and \{timestamp\}/);
  assert.match(scheme({ timestamp: { from: 'header', name: '' } })[0], /scheme\.timestamp\.name: must name the header that carries the timestamp/);
  assert.match(scheme({ timestamp: { from: 'query' } })[0], /scheme\.timestamp\.from: must say where the timestamp is/);
  const valid = { header: 'X-Hub-Signature-256', prefix: 'sha256=', template: 'v0:{timestamp}:{body}', timestamp: { from: 'payload', path: 'meta.ts' } };
  assert.ok(parseConfig({ sources: [{ id: 'a', provider: 'generic-hmac', scheme: valid }] }).ok);
  assert.match(issues({ sources: [{ id: 'a', scheme: { header: 'X-Sig' } }] })[0], /^sources\[0\]\.scheme: is only for provider "generic-hmac": a capture-only source \(no provider\) verifies no signature; remove the scheme/);
  assert.ok(parseConfig({ sources: [{ id: 'raw' }] }).ok, 'a source without a provider is capture-only');
});

test('respond: ack by default; each mode is validated and its messages name the field', () => {
  const ok = parseConfig({ sources: [{ id: 'a', provider: 'stripe' }, { id: 'b', provider: 'stripe', respond: { mode: 'timeout' } }] });
  assert.ok(ok.ok);
  assert.deepEqual(ok.config.sources[0].respond, { mode: 'ack' });
  assert.deepEqual(ok.config.sources[1].respond, { mode: 'timeout', delayMs: 30000 });
  const one = (respond: unknown, extra: Record<string, unknown> = {}) => issues({ sources: [{ id: 'a', provider: 'stripe', respond, ...extra }] })[0];
  assert.match(one({ mode: 'teapot' }), /^sources\[0\]\.respond\.mode: must be one of ack, relay, status, sequence, timeout/);
  assert.match(one({ mode: 'status' }), /^sources\[0\]\.respond\.status: must be an HTTP status code/);
  assert.match(one({ mode: 'status', status: 102 }), /^sources\[0\]\.respond\.status: must be 200–599/);
  assert.match(one({ mode: 'status', status: 500, delayMs: -5 }), /^sources\[0\]\.respond\.delayMs: must not be negative/);
  assert.match(one({ mode: 'sequence', statuses: [] }), /^sources\[0\]\.respond\.statuses: must list at least one status/);
  assert.match(one({ mode: 'sequence', statuses: [500, 'ok'] }), /^sources\[0\]\.respond\.statuses\[1\]: must be an HTTP status code/);
  assert.match(one({ mode: 'timeout', delayMs: 3_600_000 }), /^sources\[0\]\.respond\.delayMs: must not exceed 600000 ms/);
  assert.match(one({ mode: 'relay' }), /^sources\[0\]\.respond\.mode: "relay" answers with the dev server's response: set forward\.url/);
  assert.match(one({ mode: 'ack', status: 200 }), /^sources\[0\]\.respond: unknown field\(s\) "status"/);
  const relay = parseConfig({ sources: [{ id: 'a', provider: 'stripe', forward: { url: 'http://localhost:3000/hooks' }, respond: { mode: 'relay' } }] });
  assert.ok(relay.ok);
  assert.deepEqual(relay.config.sources[0].respond, { mode: 'relay', timeoutMs: 5000 });
});
