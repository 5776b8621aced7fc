import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeliverySummary, HookscopeApi, StatusValue } from '../../shared/api';
import { connectStores, createStores } from '../../renderer/src/stores/create-stores';
import { tokenRejected } from '../../renderer/src/stores/status-store';
import { ApiError } from '../../renderer/src/client/api-error';
import type { ClientEvent, HookscopeClient } from '../../renderer/src/client/types';
import { delivery, memoryServer, pushClient } from './fixtures';

/** polls until the condition holds (bounded: the store re-reads after a short timer) */
async function waitFor(done: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

const status: StatusValue = {
  receiverUrl: 'http://127.0.0.1:1',
  tunnel: { state: 'off', url: null, message: '' },
  sources: [{ id: 'blackbox', name: 'B', provider: 'blackbox', environment: 'development', localUrl: 'x', publicUrl: null, counts: { total: 0, verified: 0, rejected: 0 } }],
  version: '0',
  dataDir: '/tmp',
};

function fakeClient(): { client: HookscopeClient; emit(e: ClientEvent): void; calls: string[]; stored: DeliverySummary[] } {
  const server = memoryServer([]);
  const calls: string[] = [];
  const api: Partial<HookscopeApi> = {
    getStatus: async () => {
      calls.push('getStatus');
      return status;
    },
    listDeliveries: async (args) => {
      calls.push('listDeliveries');
      return server.listDeliveries(args);
    },
  };
  return { ...pushClient(api), calls, stored: server.stored };
}

test('pushed events reach the stores; unsubscribing stops them', async () => {
  const fake = fakeClient();
  const stores = createStores(fake.client);
  await stores.status.getState().load();
  await stores.deliveries.getState().load();
  const off = connectStores(stores);
  const item = delivery();
  fake.stored.push(item);
  fake.emit({ type: 'deliveriesAdded', payload: { items: [item] } });
  // the list re-reads the server (which applies the query) a moment later
  await waitFor(() => stores.deliveries.getState().total === 1);
  assert.deepEqual(stores.deliveries.getState().pages[0], [item]);
  assert.equal(stores.status.getState().status?.sources[0].counts.total, 1);
  fake.emit({ type: 'deliveryUpdated', payload: { item: { ...item, forward: { state: 'delivered', status: 200 } } } });
  assert.equal(stores.deliveries.getState().pages[0][0].forward?.status, 200);
  fake.emit({ type: 'alertRaised', payload: { id: 'a1', at: item.receivedAt, severity: 'critical', code: 'invalid_signatures', message: 'm', count: 11, threshold: 10 } });
  assert.equal(stores.security.getState().value?.alerts[0].id, 'a1');
  assert.equal(stores.security.getState().unseen, 1);
  fake.emit({ type: 'tunnelStatusChanged', payload: { state: 'error', url: null, message: 'No ngrok authtoken' } });
  assert.equal(stores.status.getState().status?.tunnel.state, 'error');
  off();
  const calls = fake.calls.length;
  fake.emit({ type: 'deliveriesAdded', payload: { items: [delivery()] } });
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(fake.calls.length, calls, 'no re-read after unsubscribing');
});

test('after the stream reconnects the newest page is re-read', async () => {
  const fake = fakeClient();
  const stores = createStores(fake.client);
  await stores.deliveries.getState().load();
  connectStores(stores);
  fake.emit({ type: 'streamState', payload: { state: 'open' } });
  const before = fake.calls.filter((c) => c === 'listDeliveries').length;
  fake.emit({ type: 'streamState', payload: { state: 'reconnecting' } });
  assert.equal(stores.status.getState().stream, 'reconnecting');
  fake.emit({ type: 'streamState', payload: { state: 'open' } });
  assert.equal(fake.calls.filter((c) => c === 'listDeliveries').length, before + 1);
});

test('when the stream first opens the newest page is re-read (a delivery may land between the first load and the subscription)', async () => {
  const fake = fakeClient();
  const stores = createStores(fake.client);
  await stores.deliveries.getState().load();
  connectStores(stores);
  const before = fake.calls.filter((c) => c === 'listDeliveries').length;
  fake.emit({ type: 'streamState', payload: { state: 'open' } });
  assert.equal(fake.calls.filter((c) => c === 'listDeliveries').length, before + 1);
  // a second "open" without a drop in between reads nothing more
  fake.emit({ type: 'streamState', payload: { state: 'open' } });
  assert.equal(fake.calls.filter((c) => c === 'listDeliveries').length, before + 1);
});

test('a refused token reaches the status store and is told apart from a server that is merely down', async () => {
  const fake = fakeClient();
  const stores = createStores(fake.client);
  connectStores(stores);
  fake.emit({ type: 'streamState', payload: { state: 'open' } });
  fake.emit({ type: 'streamState', payload: { state: 'reconnecting' } });
  assert.equal(tokenRejected(stores.status.getState()), false, 'down is not refused');
  const before = fake.calls.length;
  fake.emit({ type: 'streamState', payload: { state: 'unauthorized' } });
  assert.equal(stores.status.getState().stream, 'unauthorized');
  assert.equal(tokenRejected(stores.status.getState()), true);
  assert.equal(fake.calls.length, before, 'nothing is re-read with a refused token');
});

test('a 401 answer to getStatus alone also counts as a refused token (e.g. before any stream event)', async () => {
  const stores = createStores({
    getStatus: async () => {
      throw new ApiError('unauthorized', 'The UI token is missing or wrong');
    },
    subscribe: () => () => undefined,
  } as unknown as HookscopeClient);
  await stores.status.getState().load();
  assert.equal(tokenRejected(stores.status.getState()), true);
  stores.status.setState({ errorCode: 'network' });
  assert.equal(tokenRejected(stores.status.getState()), false);
});
