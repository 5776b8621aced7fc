import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConfigValue } from '../../shared/api';
import { defaultConfig, parseConfig, type HookscopeConfig } from '../../shared/config';
import { createSettingsStore } from '../../renderer/src/stores/settings-store';
import { draftFromSource, emptyDraft } from '../../renderer/src/lib/source-draft';
import { mapIssues, messagesFor } from '../../renderer/src/lib/config-issues';

function configWithSource(): HookscopeConfig {
  const config = defaultConfig();
  config.sources.push({
    id: 'blackbox',
    name: 'BlackBox',
    environment: 'development',
    provider: 'blackbox',
    secrets: ['fp:1a2b3c4d', 'env:BB_SECRET'],
    toleranceSeconds: 300,
    rateLimit: { max: 100, windowSeconds: 60 },
    maxBodyBytes: 1048576,
    mode: 'enforce',
    forward: null,
    respond: { mode: 'ack' },
  });
  return config;
}

function fakeClient(config: HookscopeConfig, fail?: { code: string; message: string; details: unknown }) {
  const updates: unknown[] = [];
  const value = (): ConfigValue => ({ config, secrets: {}, path: null });
  return {
    updates,
    client: {
      getConfig: async () => value(),
      listPresets: async () => ({ items: [{ id: 'blackbox' as const, label: 'Dasha BlackBox', signatureHeader: 'X-BlackBox-Signature', hasTimestamp: true, eventTypes: [] }] }),
      updateConfig: async ({ config: next }: { config: unknown }) => {
        updates.push(next);
        if (fail) throw Object.assign(new Error(fail.message), fail);
        return { config: next as HookscopeConfig, secrets: {}, path: null };
      },
      addSecret: async () => {
        throw new Error('unused');
      },
      removeSecret: async () => ({ removed: true }),
      verifyRequest: async () => {
        throw Object.assign(new Error('args.scheme.header: must name the header'), { code: 'invalid_argument', details: [{ field: 'args.scheme.header', message: 'must name the header' }] });
      },
      listDeliveries: async () => ({ items: [], total: 0, top: '0' }),
    },
  };
}

test('editing a source sends the whole config back with secret refs unchanged', async () => {
  const config = configWithSource();
  const fake = fakeClient(config);
  const store = createSettingsStore(fake.client);
  await store.getState().load();
  assert.equal(store.getState().presets.length, 1);
  const draft = { ...draftFromSource(config.sources[0]), toleranceSeconds: '120', forwardUrl: 'http://localhost:3000/hook', allowIps: '10.0.0.0/8\n 127.0.0.1 ' };
  const result = await store.getState().saveSource(0, draft);
  assert.deepEqual(result, { ok: true });
  const sent = fake.updates[0] as HookscopeConfig;
  assert.equal(sent.sources.length, 1);
  assert.deepEqual(sent.sources[0].secrets, ['fp:1a2b3c4d', 'env:BB_SECRET']);
  assert.equal(sent.sources[0].toleranceSeconds, 120);
  assert.deepEqual(sent.sources[0].allowIps, ['10.0.0.0/8', '127.0.0.1']);
  assert.deepEqual(sent.sources[0].forward, { url: 'http://localhost:3000/hook', auto: true, resign: false });
  assert.deepEqual(sent.retention, config.retention, 'the rest of the config goes back as it was');
});

test('adding a source appends it with no secrets', async () => {
  const config = configWithSource();
  const fake = fakeClient(config);
  const store = createSettingsStore(fake.client);
  await store.getState().load();
  await store.getState().saveSource(null, { ...emptyDraft(), id: 'stripe-dev', provider: 'stripe', rateLimitOn: false });
  const sent = fake.updates[0] as HookscopeConfig;
  assert.deepEqual(sent.sources.map((s) => s.id), ['blackbox', 'stripe-dev']);
  assert.deepEqual(sent.sources[1].secrets, []);
  assert.equal(sent.sources[1].rateLimit, null);
  assert.equal(sent.sources[1].forward, null);
});

test('validation issues come back per field of the edited source', async () => {
  const config = configWithSource();
  const details = [
    { field: 'config.sources[1].toleranceSeconds', message: 'must not exceed 900 seconds' },
    { field: 'config.sources[1].forward.url', message: 'must be a URL' },
    { field: 'sources[1].allowIps[0]', message: 'must be an IPv4 or IPv6 address' },
    { field: 'sources[0].id', message: 'not this form' },
  ];
  const fake = fakeClient(config, { code: 'invalid_config', message: 'The configuration is invalid', details });
  const store = createSettingsStore(fake.client);
  await store.getState().load();
  const result = await store.getState().saveSource(null, { ...emptyDraft(), id: 'x', provider: 'blackbox', toleranceSeconds: '1000' });
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(result.issues.length, 4);
  const mapped = mapIssues(result.issues, 1);
  assert.deepEqual(messagesFor(mapped, 'toleranceSeconds'), ['must not exceed 900 seconds']);
  assert.deepEqual(messagesFor(mapped, 'forward.url'), ['must be a URL']);
  assert.deepEqual(messagesFor(mapped, 'forward'), ['must be a URL']);
  assert.deepEqual(messagesFor(mapped, 'allowIps'), ['must be an IPv4 or IPv6 address']);
  assert.deepEqual(mapped.other.map((i) => i.message), ['not this form']);
  assert.equal(store.getState().saving, false);
});

test('a number field that is not a number goes to the server as typed, so its message names the field', async () => {
  const config = configWithSource();
  const fake = fakeClient(config);
  const store = createSettingsStore(fake.client);
  await store.getState().load();
  await store.getState().saveSource(0, { ...draftFromSource(config.sources[0]), toleranceSeconds: 'abc' });
  assert.equal((fake.updates[0] as { sources: Array<{ toleranceSeconds: unknown }> }).sources[0].toleranceSeconds, 'abc');
});

test('removeSource drops only that source', async () => {
  const config = configWithSource();
  const fake = fakeClient(config);
  const store = createSettingsStore(fake.client);
  await store.getState().load();
  await store.getState().removeSource('blackbox');
  assert.deepEqual((fake.updates[0] as HookscopeConfig).sources, []);
});

test('a draft without a provider saves a capture-only source: no provider, no scheme', async () => {
  const config = defaultConfig();
  const fake = fakeClient(config);
  const store = createSettingsStore(fake.client);
  await store.getState().load();
  const draft = { ...emptyDraft(), id: 'raw' };
  assert.equal(draft.provider, '');
  assert.deepEqual(await store.getState().saveSource(null, draft), { ok: true });
  const sent = (fake.updates[0] as HookscopeConfig).sources[0] as unknown as Record<string, unknown>;
  assert.equal('provider' in sent, false);
  assert.equal('scheme' in sent, false);
  assert.ok(parseConfig(fake.updates[0]).ok, 'the config it sends is valid');
});

test('generic HMAC: the scheme fields become source.scheme; another provider drops it', async () => {
  const config = defaultConfig();
  const fake = fakeClient(config);
  const store = createSettingsStore(fake.client);
  await store.getState().load();
  const draft = { ...emptyDraft(), id: 'hub', provider: 'generic-hmac' as const };
  draft.scheme = { ...draft.scheme, header: ' X-Hub-Sig ', prefix: 'v1=', template: '{timestamp}.{body}', timestampFrom: 'payload', timestampAt: 'meta.sent_at', idempotencyFrom: 'header', idempotencyAt: 'X-Event-Id', eventTypePath: 'type' };
  await store.getState().saveSource(null, draft);
  const parsed = parseConfig(fake.updates[0]);
  assert.ok(parsed.ok, JSON.stringify(parsed));
  assert.deepEqual(parsed.config.sources[0].scheme, {
    header: 'X-Hub-Sig',
    algorithm: 'sha256',
    encoding: 'hex',
    prefix: 'v1=',
    template: '{timestamp}.{body}',
    timestamp: { from: 'payload', path: 'meta.sent_at' },
    idempotency: { from: 'header', name: 'X-Event-Id' },
    eventType: { from: 'payload', path: 'type' },
  });
  // round trip: the stored scheme opens in the form as it was saved
  assert.deepEqual(draftFromSource(parsed.config.sources[0]).scheme, { ...draft.scheme, header: 'X-Hub-Sig' });
  await store.getState().saveSource(null, { ...draft, id: 'gh', provider: 'github' });
  assert.equal('scheme' in ((fake.updates[1] as HookscopeConfig).sources[1] as object), false);
});

test('the ngrok authtoken is sent as typed for the server to seal; clearing reads NGROK_AUTHTOKEN again', async () => {
  const fake = fakeClient(defaultConfig());
  const store = createSettingsStore(fake.client);
  await store.getState().load();
  await store.getState().setTunnelAuthtoken('tok_123');
  assert.equal((fake.updates[0] as HookscopeConfig).tunnel.authtoken, 'tok_123');
  await store.getState().setTunnelAuthtoken(null);
  assert.equal((fake.updates[1] as HookscopeConfig).tunnel.authtoken, 'env:NGROK_AUTHTOKEN');
});

test('a failed check hands back the issues that name the field', async () => {
  const store = createSettingsStore(fakeClient(defaultConfig()).client);
  const answer = await store.getState().verifyRequest({ sourceId: 'hub', headers: 'X: 1' });
  assert.equal(answer.ok, false);
  assert.deepEqual(answer.ok ? [] : answer.issues, [{ field: 'args.scheme.header', message: 'must name the header' }]);
});
