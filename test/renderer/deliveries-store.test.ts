import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDeliveriesStore } from '../../renderer/src/stores/deliveries-store';
import { delivery, failing, scriptedList, tick } from './fixtures';

test('load asks for the first page with the filters and shows it', async () => {
  const api = scriptedList();
  const store = createDeliveriesStore(api, 3);
  const loading = store.getState().setFilters({ verdict: 'rejected', failedCheck: 'signature' });
  assert.equal(store.getState().loading, true);
  const items = [failing('signature', 'no_matching_signature', { at: 3 }), failing('signature', 'missing_signature', { at: 2 })];
  api.calls[0].answer.resolve({ items, next: 'c1' });
  await loading;
  assert.deepEqual(api.calls[0].args, { limit: 3, verdict: 'rejected', failedCheck: 'signature' });
  assert.deepEqual(store.getState().items, items);
  assert.equal(store.getState().next, 'c1');
  assert.equal(store.getState().loaded, true);
});

test('loadMore passes the before cursor and appends without duplicates; stops at the end', async () => {
  const api = scriptedList();
  const store = createDeliveriesStore(api, 2);
  const [a, b, c] = [delivery({ at: 3000 }), delivery({ at: 2000 }), delivery({ at: 1000 })];
  const first = store.getState().load();
  api.calls[0].answer.resolve({ items: [a, b], next: 'after-b' });
  await first;
  const more = store.getState().loadMore();
  void store.getState().loadMore(); // a second call while loading is ignored
  assert.equal(api.calls.length, 2);
  api.calls[1].answer.resolve({ items: [b, c] });
  await more;
  assert.deepEqual(api.calls[1].args, { limit: 2, before: 'after-b' });
  assert.deepEqual(store.getState().items.map((x) => x.id), [a.id, b.id, c.id]);
  assert.equal(store.getState().next, null);
  await store.getState().loadMore();
  assert.equal(api.calls.length, 2, 'no request without a cursor');
});

test('an answer to a superseded filter is dropped', async () => {
  const api = scriptedList();
  const store = createDeliveriesStore(api);
  const stale = store.getState().setFilters({ sourceId: 'a' });
  const fresh = store.getState().setFilters({ sourceId: 'b' });
  const fromB = delivery({ sourceId: 'b' });
  api.calls[1].answer.resolve({ items: [fromB] });
  await fresh;
  api.calls[0].answer.resolve({ items: [delivery({ sourceId: 'a' })] });
  await stale;
  assert.deepEqual(store.getState().items, [fromB]);
  assert.equal(store.getState().filters.sourceId, 'b');
});

test('live deliveries appear at the top, newest first, without duplicates', async () => {
  const api = scriptedList();
  const store = createDeliveriesStore(api);
  const old = delivery({ at: 1000 });
  const loading = store.getState().load();
  api.calls[0].answer.resolve({ items: [old] });
  await loading;
  const n1 = delivery({ at: 2000 });
  const n2 = delivery({ at: 3000 });
  store.getState().receiveAdded([n1, n2]);
  assert.deepEqual(store.getState().items.map((x) => x.id), [n2.id, n1.id, old.id]);
  store.getState().receiveAdded([n2]);
  assert.equal(store.getState().items.length, 3, 'the same delivery twice is shown once');
});

test('live deliveries that do not match the filters stay out; with a search they are counted', async () => {
  const api = scriptedList();
  const store = createDeliveriesStore(api);
  const loading = store.getState().setFilters({ verdict: 'rejected' });
  api.calls[0].answer.resolve({ items: [] });
  await loading;
  const bad = failing('signature', 'no_matching_signature');
  store.getState().receiveAdded([delivery(), bad]);
  assert.deepEqual(store.getState().items.map((x) => x.id), [bad.id]);

  const searching = store.getState().setFilters({ q: 'callId' });
  api.calls[1].answer.resolve({ items: [] });
  await searching;
  store.getState().receiveAdded([failing('signature', 'x'), delivery({ verdict: 'rejected' })]);
  assert.equal(store.getState().items.length, 0);
  assert.equal(store.getState().pendingLive, 2);
});

test('a live delivery that arrives while the first page loads is kept', async () => {
  const api = scriptedList();
  const store = createDeliveriesStore(api);
  const loading = store.getState().load();
  const live = delivery({ at: 9000 });
  store.getState().receiveAdded([live]);
  const older = delivery({ at: 1000 });
  api.calls[0].answer.resolve({ items: [older] });
  await loading;
  assert.deepEqual(store.getState().items.map((x) => x.id), [live.id, older.id]);
});

test('receiveUpdated replaces a shown delivery in place', async () => {
  const api = scriptedList();
  const store = createDeliveriesStore(api);
  const a = delivery();
  const loading = store.getState().load();
  api.calls[0].answer.resolve({ items: [a] });
  await loading;
  store.getState().receiveUpdated({ ...a, forward: { state: 'delivered', status: 204 } });
  assert.deepEqual(store.getState().items[0].forward, { state: 'delivered', status: 204 });
  const before = store.getState().items;
  store.getState().receiveUpdated(delivery());
  assert.equal(store.getState().items, before, 'an unknown delivery changes nothing');
});

test('j/k selection walks the list and fetches the next page near the end', async () => {
  const api = scriptedList();
  const store = createDeliveriesStore(api, 3);
  const items = [delivery({ at: 5 }), delivery({ at: 4 }), delivery({ at: 3 })];
  const loading = store.getState().load();
  api.calls[0].answer.resolve({ items, next: 'more' });
  await loading;
  store.getState().selectNext();
  assert.equal(store.getState().selectedId, items[0].id);
  store.getState().selectNext();
  assert.equal(store.getState().selectedId, items[1].id);
  assert.equal(api.calls.length, 2, 'close to the end of the loaded items: next page requested');
  assert.equal(api.calls[1].args.before, 'more');
  store.getState().selectPrev();
  store.getState().selectPrev();
  assert.equal(store.getState().selectedId, items[0].id);
});

test('catchUp merges the newest page on top and keeps older pages', async () => {
  const api = scriptedList();
  const store = createDeliveriesStore(api, 2);
  const [a, b] = [delivery({ at: 2000 }), delivery({ at: 1000 })];
  const loading = store.getState().load();
  api.calls[0].answer.resolve({ items: [a, b], next: 'x' });
  await loading;
  const missed = delivery({ at: 3000 });
  const catching = store.getState().catchUp();
  api.calls[1].answer.resolve({ items: [missed, a], next: 'y' });
  await catching;
  assert.deepEqual(store.getState().items.map((x) => x.id), [missed.id, a.id, b.id]);
  assert.equal(store.getState().next, 'x', 'the pagination cursor of the loaded pages stays');
});

test('a failing request shows its message', async () => {
  const api = scriptedList();
  const store = createDeliveriesStore(api);
  const loading = store.getState().load();
  api.calls[0].answer.reject(Object.assign(new Error('Hookscope is not reachable'), { code: 'network' }));
  await loading;
  await tick();
  assert.equal(store.getState().error, 'Hookscope is not reachable');
  assert.equal(store.getState().loading, false);
});

test('a failed filter change drops the old filter\'s items and cursor and stops paging', async () => {
  const api = scriptedList();
  const store = createDeliveriesStore(api, 2);
  const first = store.getState().load();
  api.calls[0].answer.resolve({ items: [delivery({ at: 2000 }), delivery({ at: 1000 })], next: 'old-cursor' });
  await first;
  const more = store.getState().loadMore();
  assert.equal(store.getState().loadingMore, true);
  const changing = store.getState().setFilters({ verdict: 'rejected' });
  api.calls[2].answer.reject(new Error('boom'));
  await changing;
  api.calls[1].answer.resolve({ items: [delivery({ at: 500 })] });
  await more;
  assert.equal(store.getState().error, 'boom');
  assert.deepEqual(store.getState().items, []);
  assert.equal(store.getState().next, null);
  assert.equal(store.getState().loadingMore, false);
  await store.getState().loadMore();
  assert.equal(api.calls.length, 3, 'no paging with the old cursor');
});

test('catchUp reloads from scratch when the newest page does not reach the shown list (a gap)', async () => {
  const api = scriptedList();
  const store = createDeliveriesStore(api, 2);
  const [a, b] = [delivery({ at: 2000 }), delivery({ at: 1000 })];
  const loading = store.getState().load();
  api.calls[0].answer.resolve({ items: [a, b], next: 'x' });
  await loading;
  const [m1, m2] = [delivery({ at: 5000 }), delivery({ at: 4000 })];
  const catching = store.getState().catchUp();
  api.calls[1].answer.resolve({ items: [m1, m2], next: 'after-m2' });
  await tick();
  assert.equal(api.calls.length, 3, 'a full load follows');
  assert.deepEqual(api.calls[2].args, { limit: 2 });
  api.calls[2].answer.resolve({ items: [m1, m2], next: 'after-m2' });
  await catching;
  assert.deepEqual(store.getState().items.map((x) => x.id), [m1.id, m2.id]);
  assert.equal(store.getState().next, 'after-m2');
});
