import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { preloadClient } from '../../renderer/src/client/preload-client';
import { ApiError } from '../../renderer/src/client/api-error';
import { API_METHODS } from '../../shared/api-methods';

const g = globalThis as { hookscope?: unknown };
afterEach(() => {
  delete g.hookscope;
});

test('without a bridge there is no preload client', () => {
  assert.equal(preloadClient(), null);
});

test('bridge errors (message only, "[code] " prefix) become ApiError with the code', async () => {
  const calls: unknown[] = [];
  g.hookscope = {
    subscribe: () => () => undefined,
    async getDelivery(args: unknown) {
      calls.push(args);
      // what arrives in the page after contextBridge: a plain Error with the prefixed message
      throw new Error('[not_found] No delivery with id x');
    },
    async listPresets() {
      return { items: [] };
    },
  };
  const client = preloadClient();
  assert.ok(client);
  for (const m of API_METHODS) assert.equal(typeof (client as unknown as Record<string, unknown>)[m], 'function', m);
  assert.deepEqual(await client.listPresets({}), { items: [] });
  await assert.rejects(client.getDelivery({ id: 'x' }), (e: unknown) => e instanceof ApiError && e.code === 'not_found' && e.message === 'No delivery with id x');
  assert.deepEqual(calls, [{ id: 'x' }]);
});
