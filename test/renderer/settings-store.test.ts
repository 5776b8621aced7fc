import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConfigValue } from '../../shared/api';
import { defaultConfig, type HookscopeConfig } from '../../shared/config';
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
