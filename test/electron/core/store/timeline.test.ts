/** The timeline query against a real SQLite store: counts per step by verdict, the window a query pins, the bar width. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { HookscopeStore } from '../../../../electron/core/store';
import { chooseBucketMs } from '../../../../electron/core/store/sqlite/timeline';
import { check, delivery, fixedClock, openStore, tempDir, T0 } from './helpers';

const MINUTE = 60_000;

describe('timeline', () => {
  let store: HookscopeStore;
  let cleanup: () => void;
  // minute 0: 3 verified; minute 2: 1 verified + 2 rejected (401); minute 9: 1 rejected
  const plan: Array<{ minute: number; rejected: boolean }> = [
    { minute: 0, rejected: false }, { minute: 0, rejected: false }, { minute: 0, rejected: false },
    { minute: 2, rejected: false }, { minute: 2, rejected: true }, { minute: 2, rejected: true },
    { minute: 9, rejected: true },
  ];
  const clock = fixedClock(T0 + 30 * MINUTE);

  before(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    store = openStore(t.dir, { clock });
    await Promise.all(
      plan.map((p, i) =>
        store.add(
          delivery({
            receivedAt: T0 + p.minute * MINUTE + i * 1000,
            verdict: p.rejected ? 'rejected' : 'verified',
            status: p.rejected ? 401 : 200,
            checks: [check('signature', p.rejected ? 'fail' : 'pass', p.rejected ? 'no_matching_signature' : 'ok')],
          }),
        ),
      ),
    );
    await store.flush();
  });
  after(async () => {
    await store.close();
    cleanup();
  });

  test('every match is in one bar, counted by verdict; empty steps are kept', () => {
    const t = store.timeline({ maxBuckets: 60 });
    assert.equal(t.total, plan.length);
    assert.equal(t.bucketMs, 10_000, 'a 9-minute span in ≤ 60 bars: 10-second bars');
    assert.equal(t.from, new Date(T0).toISOString());
    const sum = (k: 'verified' | 'rejected') => t.buckets.reduce((n, b) => n + b[k], 0);
    assert.equal(sum('verified'), 4);
    assert.equal(sum('rejected'), 3);
    assert.ok(t.buckets.some((b) => b.verified === 0 && b.rejected === 0), 'quiet steps are bars of 0');
    const steps = t.buckets.map((b) => Date.parse(b.at));
    assert.ok(steps.every((at, i) => i === 0 || at - steps[i - 1] === t.bucketMs), 'consecutive steps');
    assert.ok(Date.parse(t.to!) > T0 + 9 * MINUTE, 'the last match is inside the window');
  });

  test('a minute per bar when the window asks for it; the query filters what is counted', () => {
    const t = store.timeline({ q: 'status:401', maxBuckets: 10 });
    assert.equal(t.bucketMs, MINUTE);
    assert.equal(t.total, 3);
    assert.deepEqual(
      t.buckets.filter((b) => b.rejected + b.verified > 0).map((b) => [(Date.parse(b.at) - T0) / MINUTE, b.rejected]),
      [[2, 2], [9, 1]],
    );
    assert.ok(t.buckets.every((b) => b.verified === 0));
  });

  test('after:/before: pin the window, even where nothing arrived', () => {
    const from = new Date(T0 + MINUTE).toISOString();
    const to = new Date(T0 + 5 * MINUTE).toISOString();
    const t = store.timeline({ q: `after:${from} before:${to}`, maxBuckets: 60 });
    assert.equal(t.from, from);
    assert.equal(t.to, to);
    assert.equal(t.total, 3, 'only minute 2 lies inside');
    const relative = store.timeline({ q: 'after:-20m', maxBuckets: 20 });
    assert.equal(relative.bucketMs, MINUTE);
    assert.equal(relative.total, 0, 'nothing in the last 20 minutes');
    assert.equal(relative.buckets.length, 20, 'the quiet window is charted, not hidden');
  });

  test('nothing matching and no window: no bars', () => {
    const t = store.timeline({ q: 'status:503' });
    assert.deepEqual(t, { from: null, to: null, bucketMs: 1000, buckets: [], total: 0 });
  });

  test('the bar width is the smallest readable step that fits', () => {
    assert.equal(chooseBucketMs(59_000, 60), 1000);
    assert.equal(chooseBucketMs(60 * MINUTE, 60), MINUTE);
    assert.equal(chooseBucketMs(61 * MINUTE, 60), 5 * MINUTE);
    assert.equal(chooseBucketMs(400 * 86_400_000, 60), 604_800_000);
  });
});

// more matches than a driven read should visit: the timeline reads the (received_at, verdict) index instead
// (store/sqlite/timeline.ts); a condition on a column outside it (source:) keeps the driven read, same answer
describe('timeline of broad queries', () => {
  const N = 2_600;
  let store: HookscopeStore;
  let cleanup: () => void;
  const clock = fixedClock(T0 + 120 * MINUTE);
  const rejected = (i: number) => i % 3 === 0;
  const osaka = (i: number) => i % 5 !== 0;

  before(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    store = openStore(t.dir, { clock });
    const all = Array.from({ length: N }, (_, i) =>
      delivery({
        // out of seq order in time now and then: the span and the bars follow received_at, not seq
        receivedAt: T0 + (i % 97 === 0 ? 40 * MINUTE - i * 10 : i * 900),
        verdict: rejected(i) ? 'rejected' : 'verified',
        status: rejected(i) ? 401 : 200,
        checks: [check('signature', rejected(i) ? 'fail' : 'pass', rejected(i) ? 'no_matching_signature' : 'ok')],
        body: JSON.stringify({ city: osaka(i) ? 'Osaka' : 'Lyon', n: i }),
      }),
    );
    await Promise.all(all.map((d) => store.add(d)));
    await store.flush();
  });
  after(async () => {
    await store.close();
    cleanup();
  });

  test('each query charts the same bars whichever way its matches are read', () => {
    const want = (pred: (i: number) => boolean) => Array.from({ length: N }, (_, i) => i).filter(pred).length;
    const cases: Array<[string, number]> = [
      ['verdict:verified', want((i) => !rejected(i))],
      ['osaka', want(osaka)],
      ['osaka verdict:rejected', want((i) => osaka(i) && rejected(i))],
      ['fail:signature', want(rejected)],
      ['lyon OR verdict:rejected', want((i) => !osaka(i) || rejected(i))],
      [`osaka after:${new Date(T0 + 10 * MINUTE).toISOString()}`, want((i) => osaka(i) && (i % 97 === 0 ? 40 * MINUTE - i * 10 : i * 900) >= 10 * MINUTE)],
    ];
    for (const [q, total] of cases) {
      const t = store.timeline({ q, maxBuckets: 60 });
      assert.equal(t.total, total, q);
      assert.deepEqual(t, store.timeline({ q: `${q} source:blackbox`, maxBuckets: 60 }), `${q}: the same bars as read driven`);
    }
    assert.ok(want((i) => osaka(i) && rejected(i)) > 2_000 || want(osaka) > 2_000, 'the broad queries pass the driven limit');
  });
});
