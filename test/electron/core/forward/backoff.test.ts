import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterFailure, GIVE_UP_AFTER_MS, retryDelayMs } from '../../../../electron/core/forward/backoff';

test('delays double from 1 s and stay at 5 min', () => {
  const seconds = Array.from({ length: 12 }, (_, i) => retryDelayMs(i + 1) / 1000);
  assert.deepEqual(seconds, [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
  assert.equal(retryDelayMs(10_000), 300_000);
});

test('a delivery that always fails is retried on schedule for 24 h, then gives up', () => {
  const first = 1_000_000;
  let now = first;
  let failed = 0;
  const times: number[] = [];
  for (;;) {
    times.push(now);
    failed += 1;
    const next = afterFailure(failed, first, now);
    if (next.state === 'gave_up') break;
    now = next.nextAttemptAt;
  }
  const gaps = times.slice(1).map((t, i) => (t - times[i]) / 1000);
  assert.deepEqual(gaps.slice(0, 11), [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
  assert.ok(gaps.slice(9).every((g) => g === 300));
  // 511 s of doubling, then every 300 s up to the 24 h mark
  const last = times.at(-1) as number;
  assert.ok(last - first <= GIVE_UP_AFTER_MS);
  assert.ok(last - first + 300_000 > GIVE_UP_AFTER_MS);
  assert.equal(times.length, 10 + Math.floor((86_400 - 511) / 300));
});
