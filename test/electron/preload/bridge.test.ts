import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HookscopeEvent } from '../../../shared/api';
import { API_METHODS, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../../shared/api-methods';
import { buildBridge, type Invoke, type On } from '../../../electron/preload/bridge';

function harness(answer: (method: string, args: unknown) => unknown = (method) => ({ ok: true, value: { from: method } })) {
  const invocations: Array<{ channel: string; method: string; args: unknown }> = [];
  const invoke: Invoke = async (channel, method, args) => {
    invocations.push({ channel, method, args });
    return answer(method, args);
  };
  const channelListeners = new Map<string, Set<(payload: unknown) => void>>();
  const on: On = (channel, listener) => {
    const set = channelListeners.get(channel) ?? new Set();
    set.add(listener);
    channelListeners.set(channel, set);
    return () => void set.delete(listener);
  };
  const push = (payload: unknown) => channelListeners.get(IPC_EVENT_CHANNEL)?.forEach((l) => l(payload));
  const ipcListenerCount = () => channelListeners.get(IPC_EVENT_CHANNEL)?.size ?? 0;
  return { bridge: buildBridge(invoke, on), invocations, push, ipcListenerCount };
}

test('the bridge exposes exactly one function per API method plus subscribe', () => {
  const { bridge } = harness();
  assert.deepEqual(Object.keys(bridge).sort(), [...API_METHODS, 'subscribe'].sort());
  for (const key of Object.keys(bridge)) assert.equal(typeof (bridge as unknown as Record<string, unknown>)[key], 'function', key);
  assert.equal(Object.getPrototypeOf(bridge), Object.prototype, 'a plain object (contextBridge copies own keys only)');
});

test('every method invokes the one IPC channel with its name and argument, and resolves with the ok Result', async () => {
  const { bridge, invocations } = harness();
  for (const method of API_METHODS) {
    const fn = (bridge as unknown as Record<string, (a: unknown) => Promise<unknown>>)[method];
    assert.deepEqual(await fn({ probe: method }), { ok: true, value: { from: method } });
  }
  assert.deepEqual(invocations, API_METHODS.map((method) => ({ channel: IPC_INVOKE_CHANNEL, method, args: { probe: method } })));
});

test('a method called without an argument sends {}', async () => {
  const { bridge, invocations } = harness();
  await bridge.getStatus(undefined as unknown as Record<string, never>);
  assert.deepEqual(invocations[0].args, {});
});

test('an error Result resolves as a plain envelope with code, message and details (contextBridge copies it intact)', async () => {
  const details = [{ field: 'id', message: 'is required (string)' }];
  const { bridge } = harness(() => ({ ok: false, error: { code: 'invalid_argument', message: 'args.id: is required (string)', details } }));
  const answer = await bridge.getDelivery({ id: '' });
  assert.deepEqual(answer, { ok: false, error: { code: 'invalid_argument', message: 'args.id: is required (string)', details } });
  assert.equal(Object.getPrototypeOf(answer), Object.prototype, 'a plain object, not an Error');
  // what structured cloning (contextBridge) keeps
  assert.deepEqual(structuredClone(answer), answer);
});

test('an answer that is not a Result, or a failed IPC, resolves as an internal error, not a silent undefined', async () => {
  for (const bad of [undefined, null, 'ok', { value: 1 }, { ok: 'yes' }, { ok: false }]) {
    const { bridge } = harness(() => bad);
    const answer = await bridge.listPresets({});
    assert.equal(answer.ok, false, JSON.stringify(bad));
    assert.equal(!answer.ok && answer.error.code, 'internal');
  }
  const { bridge } = harness(() => {
    throw new Error('No handler registered');
  });
  const answer = await bridge.getStatus({});
  assert.equal(answer.ok, false);
  assert.match(!answer.ok ? answer.error.message : '', /No handler registered/);
});

test('subscribe delivers events to every listener and unsubscribe stops it', () => {
  const { bridge, push, ipcListenerCount } = harness();
  const a: HookscopeEvent[] = [];
  const b: HookscopeEvent[] = [];
  const offA = bridge.subscribe((e) => a.push(e));
  const offB = bridge.subscribe((e) => b.push(e));
  assert.equal(ipcListenerCount(), 1, 'one IPC listener however many subscribers');
  const event: HookscopeEvent = { type: 'configChanged', payload: {} };
  push(event);
  offA();
  push(event);
  assert.equal(a.length, 1);
  assert.equal(b.length, 2);
  offB();
  assert.equal(ipcListenerCount(), 0, 'the IPC listener goes with the last subscriber');
  push(event);
  assert.equal(b.length, 2);
});

test('subscribe ignores payloads that are not HookscopeEvents and survives a throwing listener', () => {
  const { bridge, push } = harness();
  const got: HookscopeEvent[] = [];
  bridge.subscribe(() => {
    throw new Error('listener bug');
  });
  bridge.subscribe((e) => got.push(e));
  push({ type: 'somethingElse', payload: {} });
  push('text');
  push(null);
  push({ type: 'deliveriesAdded', payload: { items: [] } });
  assert.deepEqual(got, [{ type: 'deliveriesAdded', payload: { items: [] } }]);
});

test('subscribe refuses a non-function', () => {
  const { bridge } = harness();
  assert.throws(() => bridge.subscribe('nope' as unknown as () => void), TypeError);
});
