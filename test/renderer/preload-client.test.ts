import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { preloadClient } from '../../renderer/src/client/preload-client';
import { ApiError, fieldIssues } from '../../renderer/src/client/api-error';
import { buildBridge } from '../../electron/preload/bridge';
import { API_METHODS } from '../../shared/api-methods';

const g = globalThis as { hookscope?: unknown };
afterEach(() => {
  delete g.hookscope;
});

test('without a bridge there is no preload client', () => {
  assert.equal(preloadClient(), null);
});

test('legacy bridge rejections (message only, "[code] " prefix) become ApiError with the code', async () => {
  const calls: unknown[] = [];
  g.hookscope = {
    subscribe: () => () => undefined,
    async getDelivery(args: unknown) {
      calls.push(args);
      // what arrives in the page after contextBridge: a plain Error with the prefixed message
      throw new Error('[not_found] No delivery with id x');
    },
    async listPresets() {
      return { ok: true, value: { items: [] } };
    },
  };
  const client = preloadClient();
  assert.ok(client);
  for (const m of API_METHODS) assert.equal(typeof (client as unknown as Record<string, unknown>)[m], 'function', m);
  assert.deepEqual(await client.listPresets({}), { items: [] });
  await assert.rejects(client.getDelivery({ id: 'x' }), (e: unknown) => e instanceof ApiError && e.code === 'not_found' && e.message === 'No delivery with id x');
  assert.deepEqual(calls, [{ id: 'x' }]);
});

test('the Result envelope of the bridge is unwrapped: the value, or ApiError with code, message and field details', async () => {
  const details = [{ field: 'sources[0].id', message: 'is already used' }];
  g.hookscope = {
    subscribe: () => () => undefined,
    async listPresets() {
      return { ok: true, value: { items: [] } };
    },
    async updateConfig() {
      return { ok: false, error: { code: 'invalid_argument', message: 'The config is not valid.', details } };
    },
    async getStatus() {
      return { nope: true };
    },
  };
  const client = preloadClient();
  assert.ok(client);
  assert.deepEqual(await client.listPresets({}), { items: [] });
  await assert.rejects(client.updateConfig({ config: {} }), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.code, 'invalid_argument');
    assert.equal(e.message, 'The config is not valid.');
    assert.deepEqual(fieldIssues(e), details);
    return true;
  });
  await assert.rejects(client.getStatus({}), (e: unknown) => e instanceof ApiError && e.code === 'bad_response');
});

test('the real bridge and the preload client together keep field details end to end', async () => {
  const details = [{ field: 'id', message: 'is required' }];
  const bridge = buildBridge(async () => ({ ok: false, error: { code: 'invalid_argument', message: 'bad', details } }), () => () => undefined);
  // contextBridge: a structured clone of each answer
  g.hookscope = {
    subscribe: bridge.subscribe,
    ...Object.fromEntries(API_METHODS.map((m) => [m, async (a: unknown) => structuredClone(await (bridge as unknown as Record<string, (x: unknown) => Promise<unknown>>)[m](a))])),
  };
  const client = preloadClient();
  assert.ok(client);
  await assert.rejects(client.getDelivery({ id: '' }), (e: unknown) => e instanceof ApiError && e.code === 'invalid_argument' && fieldIssues(e).length === 1);
});
