/**
 * A list page while some deliveries are still in the journal (the deriver could not write: another
 * connection held the lock). Pending rows are listed first and the derived rows fill the rest of the
 * page: every acknowledged delivery is on a page, none is cut off (a full CI run once listed 18 of 24
 * because the merged page was cut to the size of the derived part).
 */
import { after, before, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { BUSY_RETRY_MS } from '../../../../electron/core/derive/deriver';
import type { HookscopeStore } from '../../../../electron/core/store';
import type { NewDelivery } from '../../../../electron/core/store/types';
import { delivery, openStore, tempDir, T0 } from './helpers';

const DERIVED = 18;
const PENDING = 6;

let store: HookscopeStore;
let cleanup: () => void;
let locker: Database.Database;
const all: NewDelivery[] = [];

before(async () => {
  // the deriver's timers and its busy back-off run on a clock the test moves: the journal's rows stay
  // there until a read tries to derive them
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: T0 });
  const t = tempDir();
  cleanup = t.cleanup;
  // the merge of pending and derived rows is under test: the main-thread deriver, whose timers the mock holds
  // (the worker's own timers would derive the last rows before the lock is taken)
  store = openStore(t.dir, { deriver: 'main' });
  for (let i = 0; i < DERIVED + PENDING; i++) all.push(delivery({ receivedAt: T0 + i * 1000 }));
  await Promise.all(all.slice(0, DERIVED).map((d) => store.add(d)));
  await store.flush();
  await Promise.all(all.slice(DERIVED).map((d) => store.add(d)));
  // acknowledged, in the journal; a read's derive cannot write past this lock (it never waits for one)
  locker = new Database(store.file);
  locker.exec('BEGIN IMMEDIATE');
});
after(async () => {
  if (locker.inTransaction) locker.exec('ROLLBACK');
  locker.close();
  mock.timers.reset();
  await store.close();
  cleanup();
});

const newestFirst = (): string[] => all.map((d) => d.id).reverse();

test('a page larger than both parts holds every delivery: the pending ones first, flagged', () => {
  assert.equal(store.pendingCount(), PENDING, 'the lock kept the last deliveries in the journal');
  const page = store.list({ limit: 100 });
  assert.deepEqual(page.items.map((i) => i.id), newestFirst());
  assert.deepEqual(page.items.map((i) => i.pending === true), newestFirst().map((_, i) => i < PENDING));
  assert.equal(page.total, DERIVED + PENDING);
  assert.equal(page.next, undefined);
});

test('a smaller page is filled up to its limit, and `next` goes on right after the last derived row shown', () => {
  const first = store.list({ limit: 10 });
  assert.deepEqual(first.items.map((i) => i.id), newestFirst().slice(0, 10));
  assert.ok(first.next, 'more rows follow');
  const second = store.list({ limit: 10, before: first.next });
  assert.deepEqual(second.items.map((i) => i.id), newestFirst().slice(10, 20));
  const third = store.list({ limit: 10, before: second.next });
  assert.deepEqual(third.items.map((i) => i.id), newestFirst().slice(20));
  assert.equal(third.next, undefined);
});

test('pending rows that fill a whole page: `next` starts at the newest derived row', () => {
  const first = store.list({ limit: PENDING });
  assert.deepEqual(first.items.map((i) => i.id), newestFirst().slice(0, PENDING));
  assert.ok(first.next, 'the derived rows follow');
  const rest = store.list({ limit: 100, before: first.next });
  assert.deepEqual(rest.items.map((i) => i.id), newestFirst().slice(PENDING));
});

test('once the lock is gone and the back-off has passed, the same rows are listed derived', () => {
  locker.exec('ROLLBACK');
  mock.timers.tick(BUSY_RETRY_MS);
  const page = store.list({ limit: 100 });
  assert.equal(store.pendingCount(), 0);
  assert.deepEqual(page.items.map((i) => i.id), newestFirst());
  assert.ok(page.items.every((i) => i.pending !== true));
});
