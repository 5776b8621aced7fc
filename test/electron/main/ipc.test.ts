import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApiMethod, HookscopeApi, HookscopeEvent } from '../../../shared/api';
import { API_METHODS, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../../shared/api-methods';
import { HookscopeError, type Result } from '../../../shared/result';
import { createIpcDispatcher, registerIpc, type IpcInvokeEventLike, type IpcMainLike } from '../../../electron/main/ipc';

const APP_FRAME = { url: 'app://hookscope/index.html', isMainFrame: true };

/** A valid argument for every method (compile-time complete: a new method must be added here). */
const VALID_ARGS: Record<ApiMethod, unknown> = {
  getStatus: {},
  listDeliveries: { sourceId: 'stripe', verdict: 'rejected', limit: 50 },
  getTimeline: { q: 'status:401', maxBuckets: 60 },
  getDelivery: { id: 'd1' },
  replayDelivery: { id: 'd1', mode: 'resign' },
  replayQuery: { query: 'payment', order: 'shuffled', concurrency: 3 },
  sendTestEvent: { sourceId: 'stripe', kind: 'bad_signature' },
  revealRaw: { id: 'd1' },
  sendRequest: { url: 'http://localhost:3000/webhooks', method: 'POST', headers: [['content-type', 'application/json']], body: '{}' },
  eraseByValue: { value: 'ada@example.com' },
  getConfig: {},
  updateConfig: { config: { sources: [] } },
  addSecret: { sourceId: 'stripe', value: 'whsec_test', label: 'new' },
  removeSecret: { sourceId: 'stripe', ref: 'fp:abcd1234' },
  exportDeliveries: { ids: ['d1', 'd2'], format: 'curl' },
  copyReplayCommand: { id: 'd1', format: 'httpie', mode: 'resign' },
  listAudit: { limit: 10 },
  getSecurity: {},
  getReadiness: { sourceId: 'stripe' },
  listPresets: {},
  setTunnel: { enabled: false },
  verifyRequest: { sourceId: 'stripe', headers: 'Stripe-Signature: t=1,v1=ab', body: '{}' },
  whoami: {},
  connectWorkspace: { url: 'https://hookscope.example.com', token: 'hks_abc', replayTarget: 'http://localhost:3000/webhooks' },
  disconnectWorkspace: {},
  getWorkspace: {},
  getWorkspaceStatus: {},
  listWorkspaceDeliveries: { q: 'status:401', limit: 20 },
  getWorkspaceTimeline: { maxBuckets: 60 },
  getWorkspaceDelivery: { id: 'd1' },
  revealWorkspaceRaw: { id: 'd1' },
  replayFromWorkspace: { id: 'd1', mode: 'resign', target: 'http://localhost:3000/webhooks' },
};

/** A bad argument for every method, and the field the error message must name. */
const BAD_ARGS: Record<ApiMethod, { args: unknown; field: string }> = {
  sendRequest: { args: { url: 'http://localhost:3000/', method: 'post', headers: [], body: '' }, field: 'args.method' },
  getStatus: { args: { verbose: true }, field: 'verbose' },
  listDeliveries: { args: { limit: 0 }, field: 'args.limit' },
  getTimeline: { args: { maxBuckets: 1000 }, field: 'args.maxBuckets' },
  getDelivery: { args: { id: 5 }, field: 'args.id' },
  replayDelivery: { args: { id: 'd1', mode: 'sideways' }, field: 'args.mode' },
  replayQuery: { args: { order: 'backwards' }, field: 'args.order' },
  copyReplayCommand: { args: { id: 'd1', format: 'powershell' }, field: 'args.format' },
  sendTestEvent: { args: { sourceId: 'stripe', kind: 'explode' }, field: 'args.kind' },
  revealRaw: { args: {}, field: 'args.id' },
  eraseByValue: { args: { value: 'a' }, field: 'args.value' },
  getConfig: { args: { reveal: true }, field: 'reveal' },
  updateConfig: { args: { config: {}, force: true }, field: 'force' },
  addSecret: { args: { sourceId: 'stripe', value: '' }, field: 'args.value' },
  removeSecret: { args: { sourceId: 'stripe' }, field: 'args.ref' },
  exportDeliveries: { args: { ids: ['d1'], format: 'pdf' }, field: 'args.format' },
  listAudit: { args: { limit: 'ten' }, field: 'args.limit' },
  getSecurity: { args: { window: 60 }, field: 'window' },
  getReadiness: { args: {}, field: 'args.sourceId' },
  listPresets: { args: { all: 1 }, field: 'all' },
  setTunnel: { args: { enabled: 'yes' }, field: 'args.enabled' },
  verifyRequest: { args: { sourceId: 'stripe', headers: 'X: 1', deliveryId: 'd1' }, field: 'args.headers' },
  whoami: { args: { name: 'x' }, field: 'name' },
  connectWorkspace: { args: { url: 'https://hookscope.example.com', token: 'hks_ab cd' }, field: 'args.token' },
  disconnectWorkspace: { args: { purge: true }, field: 'purge' },
  getWorkspace: { args: { token: true }, field: 'token' },
  getWorkspaceStatus: { args: { verbose: true }, field: 'verbose' },
  listWorkspaceDeliveries: { args: { limit: 0 }, field: 'args.limit' },
  getWorkspaceTimeline: { args: { maxBuckets: 1 }, field: 'args.maxBuckets' },
  getWorkspaceDelivery: { args: {}, field: 'args.id' },
  revealWorkspaceRaw: { args: { id: '' }, field: 'args.id' },
  replayFromWorkspace: { args: { id: 'd1', repeat: 3 }, field: 'repeat' },
};

function recordingApi() {
  const calls: Array<{ method: string; args: unknown }> = [];
  const api = Object.fromEntries(
    API_METHODS.map((method) => [method, async (args: unknown) => {
      calls.push({ method, args });
      return { answeredBy: method };
    }]),
  ) as unknown as HookscopeApi;
  return { api, calls };
}

function expectError(result: Result<unknown>, code: string): string {
  assert.equal(result.ok, false, `expected ${code}, got ${JSON.stringify(result)}`);
  if (result.ok) throw new Error('unreachable');
  assert.equal(result.error.code, code);
  return result.error.message;
}

test('the tables above cover exactly API_METHODS', () => {
  assert.deepEqual(Object.keys(VALID_ARGS).sort(), [...API_METHODS].sort());
  assert.deepEqual(Object.keys(BAD_ARGS).sort(), [...API_METHODS].sort());
});

test('every API method is dispatched to the api with its validated argument', async () => {
  const { api, calls } = recordingApi();
  const dispatch = createIpcDispatcher(api);
  for (const method of API_METHODS) {
    const result = await dispatch(APP_FRAME, method, VALID_ARGS[method]);
    assert.deepEqual(result, { ok: true, value: { answeredBy: method } }, method);
  }
  assert.deepEqual(calls.map((c) => c.method), API_METHODS);
  assert.deepEqual(calls.find((c) => c.method === 'listDeliveries')?.args, VALID_ARGS.listDeliveries);
});

test('for every method, a bad argument is invalid_argument naming the field, and the api is not called', async () => {
  const { api, calls } = recordingApi();
  const dispatch = createIpcDispatcher(api);
  for (const method of API_METHODS) {
    const { args, field } = BAD_ARGS[method];
    const result = await dispatch(APP_FRAME, method, args);
    const message = expectError(result, 'invalid_argument');
    assert.ok(message.includes(field), `${method}: "${message}" should name ${field}`);
    assert.ok(!result.ok && Array.isArray(result.error.details) && result.error.details.length > 0, `${method}: details lists the issues`);
  }
  assert.deepEqual(calls, []);
});

test('a non-object argument is invalid_argument', async () => {
  const { api } = recordingApi();
  const dispatch = createIpcDispatcher(api);
  expectError(await dispatch(APP_FRAME, 'getDelivery', 'd1'), 'invalid_argument');
  expectError(await dispatch(APP_FRAME, 'listAudit', [1, 2]), 'invalid_argument');
});

test('an unknown method is unknown_method, including prototype names', async () => {
  const { api, calls } = recordingApi();
  const dispatch = createIpcDispatcher(api);
  for (const method of ['dropDatabase', 'constructor', '__proto__', 'toString', 'hasOwnProperty', '', 42, null, undefined, { name: 'getStatus' }]) {
    expectError(await dispatch(APP_FRAME, method, {}), 'unknown_method');
  }
  assert.deepEqual(calls, []);
});

test('untrusted senders are forbidden_sender before anything else is looked at', async () => {
  const { api, calls } = recordingApi();
  const dispatch = createIpcDispatcher(api);
  const senders = [
    null,
    { url: 'app://hookscope/index.html', isMainFrame: false },
    { url: 'app://hookscope.evil/index.html', isMainFrame: true },
    { url: 'app://hookscopex/', isMainFrame: true },
    { url: 'http://hookscope/', isMainFrame: true },
    { url: 'file:///index.html', isMainFrame: true },
  ];
  for (const sender of senders) {
    expectError(await dispatch(sender, 'getStatus', {}), 'forbidden_sender');
    expectError(await dispatch(sender, 'noSuchMethod', { bad: true }), 'forbidden_sender');
  }
  assert.deepEqual(calls, []);
});

test('a HookscopeError from a handler keeps its code, message and details', async () => {
  const { api } = recordingApi();
  api.getDelivery = async () => {
    throw new HookscopeError('not_found', 'No delivery d9: it may have been purged by retention.', { id: 'd9' });
  };
  const result = await createIpcDispatcher(api)(APP_FRAME, 'getDelivery', { id: 'd9' });
  assert.deepEqual(result, { ok: false, error: { code: 'not_found', message: 'No delivery d9: it may have been purged by retention.', details: { id: 'd9' } } });
});

test('any other handler error is internal with a generic message: no stack, no secret', async () => {
  const { api } = recordingApi();
  api.revealRaw = async () => {
    throw new Error('decrypt failed for key sk_live_SECRET123 at /home/dev/.hookscope');
  };
  const seen: string[] = [];
  const dispatch = createIpcDispatcher(api, { onInternalError: (method) => void seen.push(method) });
  const result = await dispatch(APP_FRAME, 'revealRaw', { id: 'd1' });
  const message = expectError(result, 'internal');
  const text = JSON.stringify(result);
  assert.ok(!text.includes('sk_live_SECRET123') && !text.includes('/home/dev') && !/\bat\s/.test(text), text);
  assert.ok(message.includes('revealRaw'));
  assert.deepEqual(seen, ['revealRaw']);
});

test('a handler throwing a non-Error is internal too', async () => {
  const { api } = recordingApi();
  api.getSecurity = async () => {
    throw 'boom: password=hunter2';
  };
  const result = await createIpcDispatcher(api)(APP_FRAME, 'getSecurity', {});
  expectError(result, 'internal');
  assert.ok(!JSON.stringify(result).includes('hunter2'));
});

function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      assert.ok(!handlers.has(channel), `one handler per channel (${channel})`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  return { ipcMain, handlers };
}

function fakeCore(api: HookscopeApi) {
  const listeners = new Set<(e: HookscopeEvent) => void>();
  return {
    api,
    events: {
      subscribe(listener: (e: HookscopeEvent) => void) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    },
    emit: (e: HookscopeEvent) => listeners.forEach((l) => l(e)),
    listenerCount: () => listeners.size,
  };
}

test('registerIpc serves the invoke channel for its own window only, and pushes events', async () => {
  const { api, calls } = recordingApi();
  const core = fakeCore(api);
  const { ipcMain, handlers } = fakeIpcMain();
  const sent: Array<{ channel: string; payload: unknown }> = [];
  let destroyed = false;
  const webContents = {
    send: (channel: string, payload: unknown) => void sent.push({ channel, payload }),
    isDestroyed: () => destroyed,
  };
  const unregister = registerIpc(ipcMain, webContents, core);
  const handler = handlers.get(IPC_INVOKE_CHANNEL);
  assert.ok(handler, 'a handler on IPC_INVOKE_CHANNEL');
  assert.equal(handlers.size, 1);

  const mainFrame = { url: 'app://hookscope/index.html', parent: null };
  assert.deepEqual(await handler({ sender: webContents, senderFrame: mainFrame }, 'getStatus', {}), { ok: true, value: { answeredBy: 'getStatus' } });
  const fromOtherWindow = await handler({ sender: {}, senderFrame: mainFrame }, 'getStatus', {});
  assert.equal((fromOtherWindow as Result<unknown>).ok, false);
  const fromSubFrame = await handler({ sender: webContents, senderFrame: { url: 'app://hookscope/index.html', parent: mainFrame } }, 'getStatus', {});
  assert.deepEqual((fromSubFrame as { error: { code: string } }).error.code, 'forbidden_sender');
  const noFrame = await handler({ sender: webContents, senderFrame: null }, 'getStatus', {});
  assert.deepEqual((noFrame as { error: { code: string } }).error.code, 'forbidden_sender');
  assert.equal(calls.length, 1);

  const event: HookscopeEvent = { type: 'tunnelStatusChanged', payload: { state: 'online', url: 'https://a.ngrok.app', message: 'Online' } };
  core.emit(event);
  assert.deepEqual(sent, [{ channel: IPC_EVENT_CHANNEL, payload: event }]);
  destroyed = true;
  core.emit(event);
  assert.equal(sent.length, 1, 'nothing is sent to a destroyed window');

  unregister();
  assert.equal(handlers.size, 0);
  assert.equal(core.listenerCount(), 0);
});
