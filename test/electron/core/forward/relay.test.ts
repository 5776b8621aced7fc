import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema, type HookscopeConfig } from '../../../../shared/config';
import { HookscopeError } from '../../../../shared/result';
import type { Sender, SendRequest } from '../../../../electron/core/forward/http-sender';
import { createRelay } from '../../../../electron/core/forward/relay';
import { nodeCryptoPort } from '../../../helpers/node-crypto-port';
import { createFakeTime } from './fake-time';
import { chainSource, delivery, loopLookup } from './fixtures';
import { createMemoryStore } from './memory-store';

test('the relay wires outbox, replay and export to the live config', async () => {
  let config: HookscopeConfig = configSchema.parse({ sources: [{ id: 'src', provider: 'github', forward: { url: 'http://localhost:3000/hook' } }] });
  const store = createMemoryStore();
  const time = createFakeTime();
  const sends: SendRequest[] = [];
  let sent: () => void = () => undefined;
  const sender: Sender = {
    async send(r) {
      sends.push(r);
      sent();
      return { status: 200, durationMs: 1, error: null, responseHeaders: [], responseBody: 'ok' };
    },
    close() {},
  };
  const updated: string[] = [];
  const relay = createRelay({
    store,
    config: { current: () => config, chainSource: (id) => (id === 'src' ? chainSource(config.sources[0]) : null), redaction: () => config.redaction },
    clock: time.clock,
    crypto: nodeCryptoPort,
    receiverUrl: () => 'http://127.0.0.1:1',
    onUpdated: (id) => updated.push(id),
    log: () => undefined,
    sender,
    lookup: loopLookup,
    scheduler: time.scheduler,
  });
  relay.start();

  // auto-forward: kicked after a commit
  await store.add(delivery({ id: 'd1', forwardTarget: 'http://localhost:3000/hook' }));
  const forwarded = new Promise<void>((resolve) => (sent = resolve));
  relay.kick();
  await forwarded;
  await relay.stop();
  assert.equal(sends[0].target.url.href, 'http://localhost:3000/hook');
  assert.equal(store.recorded[0].attempt.mode, 'auto');
  assert.deepEqual(updated, ['d1']);

  // replay reads replay.allowRemoteTargets from the current config
  await assert.rejects(relay.replay({ id: 'd1', target: 'http://10.0.0.1/' }), (e: unknown) => e instanceof HookscopeError && e.code === 'target_not_allowed');
  config = { ...config, replay: { allowRemoteTargets: true } };
  const attempt = await relay.replay({ id: 'd1', target: 'http://10.0.0.1/' });
  assert.equal(attempt.status, 200);
  assert.equal(sends.at(-1)?.target.address, '10.0.0.1');
  assert.deepEqual(updated, ['d1', 'd1']);

  store.details.set('d1', { ...(await store.summary('d1'))!, headers: [], body: '', bodySha256: '', contentType: null, checks: [], attempts: [], idempotencyKey: null, rawAvailable: true });
  assert.equal(JSON.parse((await relay.exportDeliveries(['d1'], 'json')).text)[0].id, 'd1');
});
