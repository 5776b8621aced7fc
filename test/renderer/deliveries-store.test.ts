import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDeliveriesStore } from '../../renderer/src/stores/deliveries-store';
import { itemAt } from '../../renderer/src/lib/delivery-list';
import { delivery, memoryServer, scriptedList, tick, until } from './fixtures';
import type { DeliverySummary } from '../../shared/api';

const many = (n: number): DeliverySummary[] => Array.from({ length: n }, (_, i) => delivery({ at: Date.UTC(2026, 0, 1) + i * 1000 }));

test('load reads the first page with the query, the total and the snapshot', async () => {
  const server = memoryServer(many(250));
  const store = createDeliveriesStore(server);
  await store.getState().setQuery('status:401');
  assert.deepEqual(server.calls[0], { limit: 100, q: 'status:401' });
  const s = store.getState();
  assert.equal(s.total, 250);
  assert.equal(s.top, 's250');
  assert.equal(s.pages[0].length, 100);
  assert.equal(itemAt(s.pages, 0)?.id, server.stored[249].id, 'newest first');
});

test('a query that does not parse is reported here and never sent', async () => {
  const server = memoryServer(many(3));
  const store = createDeliveriesStore(server);
  await store.getState().setQuery('status:abc');
  assert.equal(server.calls.length, 0);
  assert.match(store.getState().queryError?.message ?? '', /^status: takes a code/);
  await store.getState().setQuery('status:401');
  assert.equal(store.getState().queryError, null);
});

test('pages load where the window is, inside the snapshot; the oldest row is one move away', async () => {
  const server = memoryServer(many(1000));
  const store = createDeliveriesStore(server);
  await store.getState().load();
  await store.getState().ensureRange(430, 470);
  assert.deepEqual(server.calls.slice(1), [{ limit: 100, offset: 400, asOf: 's1000' }]);
  assert.equal(itemAt(store.getState().pages, 450)?.id, server.stored[549].id);
  const oldest = await store.getState().moveSelection('last');
  assert.equal(oldest?.id, server.stored[0].id);
  assert.equal(store.getState().selectedIndex, 999);
  assert.deepEqual(server.calls.at(-1), { limit: 100, offset: 900, asOf: 's1000' });
  const up = await store.getState().moveSelection(-1);
  assert.equal(up?.id, server.stored[1].id);
  assert.equal((await store.getState().moveSelection('first'))?.id, server.stored[999].id);
});

test('following (at the top, not paused): new deliveries flow in from the server', async () => {
  const server = memoryServer(many(5));
  const store = createDeliveriesStore(server, { liveInterval: 0 });
  await store.getState().load();
  const fresh = delivery();
  server.stored.push(fresh);
  store.getState().receiveAdded([fresh]);
  await until(() => store.getState().total === 6);
  assert.equal(itemAt(store.getState().pages, 0)?.id, fresh.id);
  assert.equal(store.getState().newCount, 0);
});

test('scrolled away or paused: nothing moves, the "N new" count grows; back at the top it flows in', async () => {
  const server = memoryServer(many(5));
  const store = createDeliveriesStore(server, { liveInterval: 0 });
  await store.getState().load();
  store.getState().select(server.stored[2].id, 2);
  store.getState().setAtTop(false);
  const fresh = [delivery(), delivery()];
  server.stored.push(...fresh);
  store.getState().receiveAdded(fresh);
  await until(() => store.getState().newCount === 2);
  assert.equal(store.getState().newCount, 2);
  assert.equal(store.getState().total, 5, 'the shown list holds still');
  assert.equal(itemAt(store.getState().pages, 0)?.id, server.stored[4].id);
  store.getState().setPaused(true);
  store.getState().setAtTop(true);
  await tick();
  assert.equal(store.getState().total, 5, 'paused: still holding');
  store.getState().setPaused(false);
  await until(() => store.getState().total === 7);
  assert.equal(store.getState().newCount, 0);
  assert.equal(store.getState().selectedIndex, 4, 'the selection keeps its delivery, two rows further down');
});

test('an answer for a superseded query is dropped', async () => {
  const api = scriptedList();
  const store = createDeliveriesStore(api);
  const first = store.getState().setQuery('alpha');
  const second = store.getState().setQuery('beta');
  api.calls[1].answer.resolve({ items: [delivery({ eventType: 'beta' })], total: 1, top: 's9' });
  await second;
  api.calls[0].answer.resolve({ items: [delivery({ eventType: 'alpha' }), delivery()], total: 2, top: 's9' });
  await first;
  assert.equal(store.getState().total, 1);
  assert.equal(itemAt(store.getState().pages, 0)?.eventType, 'beta');
});

test('receiveUpdated replaces a shown delivery in place; a failing request shows its message', async () => {
  const server = memoryServer(many(3));
  const store = createDeliveriesStore(server);
  await store.getState().load();
  const target = server.stored[1];
  store.getState().receiveUpdated({ ...target, forward: { state: 'delivered', status: 200 } });
  assert.equal(itemAt(store.getState().pages, 1)?.forward?.status, 200);
  const broken = createDeliveriesStore({ listDeliveries: () => Promise.reject(new Error('server down')) });
  await broken.getState().load();
  assert.equal(broken.getState().error, 'server down');
  assert.equal(broken.getState().loaded, true);
});
