import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Attempt, DeliveryDetail } from '../../shared/api';
import { createDetailStore } from '../../renderer/src/stores/detail-store';
import { deferred, delivery } from './fixtures';

function detailOf(id: string): DeliveryDetail {
  return {
    ...delivery({ id }),
    headers: [['content-type', 'application/json']],
    body: '{"event":"call.completed"}',
    bodySha256: 'ab',
    contentType: 'application/json',
    checks: [],
    attempts: [],
    idempotencyKey: null,
    rawAvailable: true,
  };
}

const attempt: Attempt = {
  id: 'att1',
  at: '2026-01-01T12:00:00.000Z',
  target: 'http://127.0.0.1:3000/hook',
  mode: 'resign',
  status: 202,
  durationMs: 12,
  error: null,
  responseHeaders: [['content-type', 'text/plain']],
  responseBody: 'accepted',
  request: null,
};

test('open loads the detail; a slower answer for an older selection is dropped', async () => {
  const answers = new Map<string, ReturnType<typeof deferred<DeliveryDetail>>>();
  const store = createDetailStore({
    getDelivery: ({ id }) => {
      const d = deferred<DeliveryDetail>();
      answers.set(id, d);
      return d.promise;
    },
    revealRaw: async () => ({ body: '', encoding: 'utf8' }),
    copyReplayCommand: async () => ({ text: 'curl …', mode: 'resign' }),
    replayDelivery: async () => attempt,
  });
  const first = store.getState().open('a');
  const second = store.getState().open('b');
  answers.get('b')!.resolve(detailOf('b'));
  await second;
  answers.get('a')!.resolve(detailOf('a'));
  await first;
  assert.equal(store.getState().id, 'b');
  assert.equal(store.getState().detail?.id, 'b');
});

test('replay sends mode, target and body, and shows the returned attempt at once', async () => {
  const calls: unknown[] = [];
  const store = createDetailStore({
    getDelivery: async ({ id }) => detailOf(id),
    revealRaw: async () => ({ body: '', encoding: 'utf8' }),
    copyReplayCommand: async () => ({ text: 'curl …', mode: 'resign' }),
    replayDelivery: async (args) => {
      calls.push(args);
      return attempt;
    },
  });
  await store.getState().open('a');
  const result = await store.getState().replay({ mode: 'resign', target: ' http://127.0.0.1:3000/hook ', body: '{"x":1}' });
  assert.deepEqual(calls, [{ id: 'a', mode: 'resign', target: 'http://127.0.0.1:3000/hook', body: '{"x":1}' }]);
  assert.equal(result, attempt);
  assert.deepEqual(store.getState().detail?.attempts, [attempt]);
  assert.equal(store.getState().tab, 'forwarding');
  assert.equal(store.getState().lastAttemptId, 'att1');
  await store.getState().replay({ mode: 'original', target: '' });
  assert.deepEqual(calls[1], { id: 'a', mode: 'original' }, 'an empty target is left out');
  assert.equal(store.getState().detail?.attempts.length, 1, 'the same attempt is not listed twice');
});

test('a refused replay shows the server message', async () => {
  const store = createDetailStore({
    getDelivery: async ({ id }) => detailOf(id),
    revealRaw: async () => ({ body: '', encoding: 'utf8' }),
    copyReplayCommand: async () => ({ text: 'curl …', mode: 'resign' }),
    replayDelivery: async () => {
      throw Object.assign(new Error('Replay targets must be loopback'), { code: 'target_not_allowed' });
    },
  });
  await store.getState().open('a');
  assert.equal(await store.getState().replay({ mode: 'original', target: 'http://example.com' }), null);
  assert.equal(store.getState().replayError, 'Replay targets must be loopback');
  assert.equal(store.getState().replaying, false);
});

test('revealRaw keeps the raw body with its encoding; opening another delivery forgets it', async () => {
  const store = createDetailStore({
    getDelivery: async ({ id }) => detailOf(id),
    revealRaw: async ({ id }) => ({ body: `raw-${id}\n`, encoding: 'utf8' }),
    replayDelivery: async () => attempt,
    copyReplayCommand: async () => ({ text: '', mode: 'resign' }),
  });
  await store.getState().open('a');
  await store.getState().revealRaw();
  assert.deepEqual(store.getState().raw, { body: 'raw-a\n', encoding: 'utf8' });
  await store.getState().open('b');
  assert.equal(store.getState().raw, null);
});

test('an update of the open delivery re-reads it (new forwarding attempts)', async () => {
  let reads = 0;
  const store = createDetailStore({
    getDelivery: async ({ id }) => {
      reads++;
      return { ...detailOf(id), attempts: reads > 1 ? [attempt] : [] };
    },
    revealRaw: async () => ({ body: '', encoding: 'utf8' }),
    copyReplayCommand: async () => ({ text: 'curl …', mode: 'resign' }),
    replayDelivery: async () => attempt,
  });
  await store.getState().open('a');
  store.getState().receiveUpdated(delivery({ id: 'other' }));
  assert.equal(reads, 1);
  store.getState().receiveUpdated(delivery({ id: 'a' }));
  await new Promise((r) => setImmediate(r));
  assert.equal(reads, 2);
  assert.deepEqual(store.getState().detail?.attempts, [attempt]);
});

test('opening another delivery resets an in-flight replay and raw reveal', async () => {
  const replayAnswer = deferred<Attempt>();
  const rawAnswer = deferred<{ body: string; encoding: 'utf8' | 'base64' }>();
  const store = createDetailStore({
    getDelivery: async ({ id }) => detailOf(id),
    revealRaw: () => rawAnswer.promise,
    replayDelivery: () => replayAnswer.promise,
    copyReplayCommand: async () => ({ text: '', mode: 'resign' }),
  });
  await store.getState().open('a');
  const replaying = store.getState().replay({ mode: 'original' });
  const revealing = store.getState().revealRaw();
  assert.equal(store.getState().replaying, true);
  assert.equal(store.getState().rawLoading, true);
  const opening = store.getState().open('b');
  assert.equal(store.getState().replaying, false);
  assert.equal(store.getState().rawLoading, false);
  replayAnswer.resolve(attempt);
  rawAnswer.resolve({ body: 'x', encoding: 'utf8' });
  await Promise.all([opening, replaying, revealing]);
  assert.equal(store.getState().id, 'b');
  assert.equal(store.getState().replaying, false);
  assert.equal(store.getState().rawLoading, false);
  assert.equal(store.getState().raw, null);
});

test('copyCommand asks for the command with mode, target and body; errors land in replayError', async () => {
  const calls: unknown[] = [];
  let fail = false;
  const store = createDetailStore({
    getDelivery: async ({ id }) => detailOf(id),
    revealRaw: async () => ({ body: '', encoding: 'utf8' }),
    replayDelivery: async () => attempt,
    copyReplayCommand: async (args) => {
      calls.push(args);
      if (fail) throw new Error('target: not allowed');
      return { text: `${args.format} command`, mode: 'resign' };
    },
  });
  await store.getState().open('d1');
  assert.equal(await store.getState().copyCommand('httpie', { mode: 'resign', target: ' http://localhost:3000/x ', body: '{}' }), 'httpie command');
  assert.deepEqual(calls, [{ id: 'd1', format: 'httpie', mode: 'resign', target: 'http://localhost:3000/x', body: '{}' }]);
  fail = true;
  assert.equal(await store.getState().copyCommand('curl', { mode: 'original' }), null);
  assert.match(store.getState().replayError ?? '', /not allowed/);
});

test('compareWith loads the other delivery; the previously opened one is remembered; opening another clears it', async () => {
  const store = createDetailStore({
    getDelivery: async ({ id }) => {
      if (id === 'missing') throw new Error('No delivery missing');
      return detailOf(id);
    },
    revealRaw: async () => ({ body: '', encoding: 'utf8' }),
    replayDelivery: async () => attempt,
    copyReplayCommand: async () => ({ text: '', mode: 'original' }),
  });
  await store.getState().open('d1');
  await store.getState().open('d2');
  assert.equal(store.getState().previousId, 'd1');
  await store.getState().compareWith(' d1 ');
  assert.equal(store.getState().compared?.id, 'd1');
  await store.getState().compareWith('');
  assert.match(store.getState().compareError ?? '', /Enter the id/);
  await store.getState().compareWith('missing');
  assert.equal(store.getState().compared, null);
  assert.match(store.getState().compareError ?? '', /missing/);
  await store.getState().compareWith('d1');
  await store.getState().open('d3');
  assert.equal(store.getState().compared, null);
  assert.equal(store.getState().previousId, 'd2');
});
