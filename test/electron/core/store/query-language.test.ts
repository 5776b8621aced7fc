/** The query language against a real SQLite store: each field, boolean logic, totals and windowed pages. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { HookscopeStore } from '../../../../electron/core/store';
import type { NewDelivery } from '../../../../electron/core/store/types';
import { HookscopeError } from '../../../../shared/result';
import { check, delivery, fixedClock, openStore, tempDir, T0 } from './helpers';

const N = 240;
const MINUTE = 60_000;

function make(i: number): NewDelivery {
  const failsSignature = i % 4 === 0;
  const failsTimestamp = i % 6 === 0;
  const rejected = failsSignature || failsTimestamp;
  const sourceId = i % 5 === 0 ? null : i % 2 ? 'github' : 'stripe';
  return delivery({
    receivedAt: T0 + i * MINUTE,
    sourceId,
    target: sourceId ? `/hooks/${sourceId}` : '/hooks/typo',
    headers: [
      ['Content-Type', 'application/json'],
      ['X-GitHub-Event', i % 3 === 0 ? 'push' : 'issues'],
    ],
    eventType: i % 3 === 0 ? 'order.created' : i % 3 === 1 ? 'order.paid' : 'customer.updated',
    checks: [
      check('signature', failsSignature ? 'fail' : 'pass', failsSignature ? 'no_matching_signature' : 'ok'),
      check('timestamp', failsTimestamp ? 'fail' : 'pass', failsTimestamp ? 'too_old' : 'ok'),
    ],
    verdict: rejected ? 'rejected' : 'verified',
    status: failsSignature ? 401 : failsTimestamp ? 400 : i % 7 === 0 ? 503 : 200,
    duplicateOf: i % 10 === 9 ? 'earlier' : null,
    body: i % 8 === 0 ? 'not json at all: Osaka' : JSON.stringify({ city: i % 2 ? 'Osaka' : 'Lyon', customer: { email: `user${i}@Example.com`, tier: i % 4 }, items: [{ sku: `SKU-${i}` }] }),
  });
}

describe('query language', () => {
  let store: HookscopeStore;
  let cleanup: () => void;
  const all: NewDelivery[] = [];
  const clock = fixedClock(T0 + N * MINUTE);

  before(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    store = openStore(t.dir, { clock });
    for (let i = 0; i < N; i++) all.push(make(i));
    await Promise.all(all.map((d) => store.add(d)));
    await store.flush();
  });
  after(async () => {
    await store.close();
    cleanup();
  });

  /** every id the query selects, newest first, read through offset pages */
  function run(q: string): string[] {
    const out: string[] = [];
    const first = store.list({ q, limit: 100 });
    out.push(...first.items.map((i) => i.id));
    for (let offset = 100; offset < first.total; offset += 100) out.push(...store.list({ q, limit: 100, offset, asOf: first.top }).items.map((i) => i.id));
    assert.equal(out.length, first.total, `${q}: the total counts what the pages hold`);
    return out;
  }
  const kept = (d: NewDelivery): boolean => d.sourceId !== null;
  const want = (pred: (d: NewDelivery, i: number) => boolean): string[] =>
    all.map((d, i) => ({ d, i })).filter(({ d, i }) => pred(d, i)).reverse().map(({ d }) => d.id);

  test('status: a code or a class', () => {
    assert.deepEqual(run('status:401'), want((d) => d.status === 401));
    assert.deepEqual(run('status:4xx'), want((d) => d.status >= 400 && d.status < 500));
    assert.deepEqual(run('status:5XX'), want((d) => d.status === 503));
  });

  test('verdict:, check: and fail: (the failing check)', () => {
    assert.deepEqual(run('verdict:rejected'), want((d) => d.verdict === 'rejected'));
    assert.deepEqual(run('check:signature'), want((_d, i) => i % 4 === 0));
    assert.deepEqual(run('fail:timestamp'), want((_d, i) => i % 6 === 0));
  });

  test('source: and type: with globs, ignoring case; unmatched', () => {
    assert.deepEqual(run('source:github'), want((d) => d.sourceId === 'github'));
    assert.deepEqual(run('source:unmatched'), want((d) => d.sourceId === null));
    assert.deepEqual(run('source:git*'), want((d) => d.sourceId === 'github'));
    assert.deepEqual(run('type:order.*'), want((d) => d.eventType!.startsWith('order.')));
    assert.deepEqual(run('type:ORDER.PAID'), want((d) => d.eventType === 'order.paid'));
    // GLOB characters other than * are literal
    assert.deepEqual(run('type:order.?aid'), []);
  });

  test('header:name=value and header:name', () => {
    assert.deepEqual(run('header:x-github-event=push'), want((_d, i) => i % 3 === 0));
    assert.deepEqual(run('header:X-GitHub-Event=PU*'), want((_d, i) => i % 3 === 0));
    assert.equal(run('header:x-github-event').length, N);
    assert.deepEqual(run('header:x-missing'), []);
  });

  test('body.<path>: by JSON path (non-JSON bodies never match, never fail)', () => {
    // the redacted copy is searched: an e-mail address reads «email @example.com»
    assert.deepEqual(run('body.customer.email:user17@example.com'), []);
    // requests to unknown paths (source null) are junk: listed and counted, their bodies never kept
    assert.deepEqual(run('body.customer.email:*@example.com*'), want((d, i) => kept(d) && i % 8 !== 0));
    assert.deepEqual(run('body.customer.tier:3'), want((d, i) => kept(d) && i % 8 !== 0 && i % 4 === 3));
    assert.deepEqual(run('body.items.0.sku:SKU-7'), [all[7].id]);
    assert.deepEqual(run('body.items.0.sku:SKU-5'), [], 'junk: no body');
    assert.deepEqual(run('body.city:'), want((d, i) => kept(d) && i % 8 !== 0));
  });

  test('after: / before: absolute and relative to now', () => {
    const at = (i: number) => new Date(T0 + i * MINUTE).toISOString().slice(0, 19) + 'Z';
    assert.deepEqual(run(`after:${at(200)}`), want((_d, i) => i >= 200));
    assert.deepEqual(run(`before:${at(10)}`), want((_d, i) => i < 10));
    // the clock stands at minute N: -15m is everything from minute N-15 on
    assert.deepEqual(run('after:-15m'), want((_d, i) => i >= N - 15));
    assert.deepEqual(run('after:-1h before:-30m'), want((_d, i) => i >= N - 60 && i < N - 30));
  });

  test('dup:, free text, AND / OR / - / NOT and parentheses', () => {
    assert.deepEqual(run('dup:yes'), want((d) => d.duplicateOf !== null));
    assert.deepEqual(run('dup:no'), want((d) => d.duplicateOf === null));
    assert.deepEqual(run('osaka'), want((d, i) => kept(d) && (i % 2 === 1 || i % 8 === 0)));
    assert.deepEqual(run('order AND Osaka'), want((d, i) => kept(d) && (i % 2 === 1 || i % 8 === 0) && i % 3 !== 2));
    assert.deepEqual(run('status:401 OR status:503'), want((d) => d.status === 401 || d.status === 503));
    assert.deepEqual(run('-verdict:verified'), want((d) => d.verdict === 'rejected'));
    assert.deepEqual(run('NOT source:github'), want((d) => d.sourceId !== 'github'));
    assert.deepEqual(run('(fail:signature OR fail:timestamp) source:stripe -dup:yes'), want((d, i) => (i % 4 === 0 || i % 6 === 0) && d.sourceId === 'stripe' && d.duplicateOf === null));
    assert.deepEqual(run('lyon OR -osaka'), want((d, i) => !kept(d) || (i % 2 === 0 && i % 8 !== 0)));
  });

  test('a query that does not parse is invalid_argument naming q and the position', () => {
    for (const q of ['status:abc', 'colour:red', '(status:401', 'a OR']) {
      assert.throws(
        () => store.list({ q }),
        (e: unknown) => e instanceof HookscopeError && e.code === 'invalid_argument' && /^q: .+\(at character \d+\)$/.test(e.message),
        q,
      );
    }
  });

  test('the total is for the whole query; offset pages from either end line up', () => {
    const first = store.list({ limit: 50 });
    assert.equal(first.total, N);
    const oldest = store.list({ limit: 50, offset: N - 50, asOf: first.top });
    assert.deepEqual(oldest.items.map((i) => i.id), want(() => true).slice(N - 50));
    assert.equal(oldest.next, undefined, 'the oldest page is the last');
    const middle = store.list({ limit: 30, offset: 110, asOf: first.top });
    assert.deepEqual(middle.items.map((i) => i.id), want(() => true).slice(110, 140));
    assert.equal(store.list({ limit: 10, offset: N + 5, asOf: first.top }).items.length, 0);
  });

  test('asOf holds the total and the offsets still while deliveries arrive', async () => {
    const first = store.list({ q: 'verdict:verified', limit: 20 });
    const extra = delivery({ receivedAt: T0 + (N + 1) * MINUTE, eventType: 'late.arrival' });
    await store.add(extra);
    await store.flush();
    const same = store.list({ q: 'verdict:verified', limit: 20, offset: 20, asOf: first.top });
    assert.equal(same.total, first.total);
    assert.deepEqual(same.items.map((i) => i.id), want((d) => d.verdict === 'verified').slice(20, 40));
    const now = store.list({ q: 'verdict:verified', limit: 1 });
    assert.equal(now.total, first.total + 1, 'without asOf the new delivery counts');
    assert.equal(now.items[0].id, extra.id);
  });

  // free text alone is counted by the search index without reading the rows (list-query.ts countStatement)
  test('a free-text total follows the snapshot and erasure', async () => {
    const first = store.list({ q: 'osaka', limit: 10 });
    const osaka = want((d, i) => kept(d) && (i % 2 === 1 || i % 8 === 0));
    assert.equal(first.total, osaka.length);
    const extra = delivery({ receivedAt: T0 + (N + 2) * MINUTE, body: JSON.stringify({ city: 'Osaka' }) });
    await store.add(extra);
    await store.flush();
    assert.equal(store.list({ q: 'osaka', limit: 10, asOf: first.top }).total, osaka.length, 'asOf: the later match is not counted');
    assert.equal(store.list({ q: 'osaka', limit: 10 }).total, osaka.length + 1);
    // all[1] is an Osaka delivery of a source: erasing its e-mail address deletes it, and its index entry with it
    assert.equal(await store.eraseByValue('user1@example.com'), 1);
    const after = run('osaka');
    assert.equal(after.length, osaka.length);
    assert.ok(!after.includes(all[1].id) && after.includes(extra.id));
  });
});
