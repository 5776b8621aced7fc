import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { HookscopeError } from '../../../../shared/result';
import { createHttpSender, type Sender, type SendRequest } from '../../../../electron/core/forward/http-sender';
import { replayDelivery, type ReplayDeps } from '../../../../electron/core/forward/replay';
import type { LookupFn } from '../../../../electron/core/forward/target-policy';
import { nodeCryptoPort } from '../../../helpers/node-crypto-port';
import { createFakeTime, type FakeTime } from './fake-time';
import { chainSource, delivery, loopLookup } from './fixtures';
import { createMemoryStore, type MemoryStore } from './memory-store';
import { startDevServer, type DevServer } from './dev-server';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('replayDelivery', () => {
  let dev: DevServer;
  let store: MemoryStore;
  let time: FakeTime;
  let sender: Sender;
  let forwardUrl: string | null;

  const deps = (over: Partial<ReplayDeps> = {}): ReplayDeps => ({
    store,
    clock: time.clock,
    sender,
    crypto: nodeCryptoPort,
    getSource: (id) =>
      id === 'src'
        ? chainSource({ id: 'src', provider: 'github', forward: forwardUrl ? { url: forwardUrl } : null }, [{ value: 'top-secret-value', label: 'primary' }])
        : null,
    allowRemoteTargets: () => false,
    lookup: loopLookup,
    ...over,
  });

  beforeEach(async () => {
    dev = await startDevServer();
    store = createMemoryStore();
    time = createFakeTime();
    sender = createHttpSender();
    forwardUrl = `http://localhost:${dev.port}/webhooks/default`;
  });
  afterEach(async () => {
    sender.close();
    await dev.close();
  });

  test('original: exact bytes and original headers minus hop-by-hop, to the source forward URL by default', async () => {
    const body = Uint8Array.from([0x7b, 0x22, 0xc3, 0xa9, 0x22, 0x3a, 0x31, 0x7d, 0x00, 0xff]);
    await store.add(
      delivery({
        id: 'd1',
        rawBody: body,
        headers: [['Host', 'abc.ngrok.app'], ['X-Hub-Signature-256', 'sha256=00'], ['Keep-Alive', '5'], ['Content-Type', 'application/json'], ['Content-Length', '10']],
      }),
    );
    const attempt = await replayDelivery(deps(), { id: 'd1' });
    const got = dev.received[0];
    assert.equal(got.sha256, sha(body));
    assert.equal(got.url, '/webhooks/default');
    assert.deepEqual(
      got.rawHeaders.filter(([n]) => !['connection', 'content-length'].includes(n.toLowerCase())),
      [
        ['Host', `localhost:${dev.port}`],
        ['X-Hub-Signature-256', 'sha256=00'],
        ['Content-Type', 'application/json'],
        ['X-Hookscope-Delivery', 'd1'],
        ['X-Hookscope-Replay', 'original'],
      ],
    );
    assert.equal(attempt.mode, 'original');
    assert.equal(attempt.status, 200);
    assert.equal(attempt.target, `http://localhost:${dev.port}/webhooks/default`);
    // the attempt keeps exactly what went on the wire
    assert.equal(store.recorded.length, 1);
    const { sent, ...rest } = store.recorded[0];
    assert.deepEqual(rest, { deliveryId: 'd1', attempt });
    assert.ok(sent);
    assert.equal(sha(sent.body), got.sha256);
    assert.equal(sent.method, got.method);
    assert.equal(sent.url, `http://localhost:${dev.port}${got.url}`);
    assert.deepEqual(sent.headers, got.rawHeaders.filter(([n]) => !['connection', 'content-length'].includes(n.toLowerCase())));
    assert.equal(attempt.request?.bodySha256, got.sha256);
    assert.deepEqual(store.auditLog, [
      { action: 'replay', subject: 'd1', detail: { target: attempt.target, mode: 'original', edited: false, secret: null, status: 200, error: null } },
    ]);
  });

  test('a given target wins over forward.url; a refused dev server is a recorded attempt with a clear error', async () => {
    await store.add(delivery({ id: 'd1' }));
    const closed = await startDevServer();
    const port = closed.port;
    await closed.close();
    const attempt = await replayDelivery(deps(), { id: 'd1', target: `http://127.0.0.1:${port}/other` });
    assert.equal(attempt.status, null);
    assert.equal(attempt.error, `connection refused: is your dev server running on port ${port}?`);
    assert.equal(store.recorded.length, 1);
    assert.equal(dev.received.length, 0);
  });

  test('no forward.url and no target: no_forward_target', async () => {
    forwardUrl = null;
    await store.add(delivery({ id: 'd1' }));
    await assert.rejects(replayDelivery(deps(), { id: 'd1' }), (e: unknown) => e instanceof HookscopeError && e.code === 'no_forward_target' && /^target: /.test(e.message));
  });

  test('unknown id: not_found', async () => {
    await assert.rejects(replayDelivery(deps(), { id: 'nope' }), (e: unknown) => e instanceof HookscopeError && e.code === 'not_found');
  });

  test('non-loopback targets are refused before any connection', async () => {
    await store.add(delivery({ id: 'd1' }));
    const sends: SendRequest[] = [];
    const spy: Sender = { send: async (r) => (sends.push(r), { status: 200, durationMs: 0, error: null, responseHeaders: [], responseBody: '' }), close() {} };
    const lookups: string[] = [];
    const lookup: LookupFn = async (host) => {
      lookups.push(host);
      if (host === 'public.example') return [{ address: '93.184.216.34', family: 4 }];
      throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    for (const [target, addr] of [
      ['http://10.0.0.1/', '10.0.0.1'],
      ['http://public.example:3000/hook', '93.184.216.34'],
      ['http://example.invalid/', 'ENOTFOUND'],
    ] as const) {
      for (const mode of ['original', 'resign'] as const) {
        await assert.rejects(
          replayDelivery(deps({ sender: spy, lookup }), { id: 'd1', target, mode }),
          (e: unknown) => e instanceof HookscopeError && e.code === 'target_not_allowed' && e.message.includes(addr),
        );
      }
    }
    assert.equal(sends.length, 0);
    assert.deepEqual(lookups, ['public.example', 'public.example', 'example.invalid', 'example.invalid']);
    assert.equal(store.recorded.length, 0);
    assert.equal(store.auditLog.filter((e) => e.action === 'replay_refused').length, 6);
    assert.equal(dev.received.length, 0);
  });

  test('allowRemoteTargets lets a non-loopback target through the policy', async () => {
    await store.add(delivery({ id: 'd1' }));
    const sends: SendRequest[] = [];
    const spy: Sender = { send: async (r) => (sends.push(r), { status: 202, durationMs: 1, error: null, responseHeaders: [], responseBody: '' }), close() {} };
    const attempt = await replayDelivery(deps({ sender: spy, allowRemoteTargets: () => true }), { id: 'd1', target: 'http://10.0.0.1/hook' });
    assert.equal(attempt.status, 202);
    assert.equal(sends[0].target.address, '10.0.0.1');
  });

  test('resign without a usable secret is a clear error, and nothing is sent', async () => {
    await store.add(delivery({ id: 'd1' }));
    const getSource: ReplayDeps['getSource'] = () =>
      chainSource({ id: 'src', provider: 'github', forward: { url: dev.url() } }, [{ value: 'old', retiresAt: time.clock.now() - 1 }]);
    await assert.rejects(replayDelivery(deps({ getSource }), { id: 'd1', mode: 'resign' }), (e: unknown) => e instanceof HookscopeError && e.code === 'no_secret');
    assert.equal(dev.received.length, 0);
  });

  test('an unmatched delivery replays original to a given target; resign and a missing target are clear errors', async () => {
    await store.add(delivery({ id: 'u1', sourceId: null, target: '/hooks/typo' }));
    const attempt = await replayDelivery(deps(), { id: 'u1', target: dev.url('/typo') });
    assert.equal(attempt.status, 200);
    assert.equal(dev.received.at(-1)?.url, '/typo');
    await assert.rejects(replayDelivery(deps(), { id: 'u1' }), (e: unknown) => e instanceof HookscopeError && e.code === 'no_forward_target' && e.message.includes('matched no source'));
    await assert.rejects(replayDelivery(deps(), { id: 'u1', target: dev.url(), mode: 'resign' }), (e: unknown) => e instanceof HookscopeError && e.code === 'no_source');
  });

  test('a malformed target is invalid_argument naming the field', async () => {
    await store.add(delivery({ id: 'd1' }));
    await assert.rejects(replayDelivery(deps(), { id: 'd1', target: 'localhost:3000/x' }), (e: unknown) => e instanceof HookscopeError && e.code === 'invalid_argument' && e.message.startsWith('target: '));
  });
});
