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
