import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRateLimiter } from '../../../shared/verify/rate-limiter';

test('fixed window per key: allowed up to max, then Retry-After until the window ends', () => {
  const rl = createRateLimiter();
  assert.deepEqual(rl.hit('a', 2, 10_000, 0), { allowed: true, retryAfterSeconds: 0, count: 1 });
  assert.equal(rl.hit('a', 2, 10_000, 1_000).allowed, true);
  assert.deepEqual(rl.hit('a', 2, 10_000, 2_500), { allowed: false, retryAfterSeconds: 8, count: 3 });
  assert.equal(rl.hit('b', 2, 10_000, 2_500).allowed, true, 'keys are independent');
  assert.equal(rl.hit('a', 2, 10_000, 9_999).retryAfterSeconds, 1, 'never 0 while refused');
  assert.deepEqual(rl.hit('a', 2, 10_000, 10_000), { allowed: true, retryAfterSeconds: 0, count: 1 }, 'a new window');
});

test('memory is bounded: old keys are evicted, expired ones first', () => {
  const rl = createRateLimiter({ maxKeys: 3 });
  rl.hit('k1', 1, 1_000, 0);
  rl.hit('k2', 1, 60_000, 0);
  rl.hit('k3', 1, 60_000, 0);
  // k1 has expired: inserting k4 sweeps it and keeps k2's count
  rl.hit('k4', 1, 60_000, 5_000);
  assert.equal(rl.hit('k2', 1, 60_000, 5_000).allowed, false, 'k2 still remembered');
  for (let i = 0; i < 1000; i++) rl.hit(`flood-${i}`, 1, 60_000, 6_000);
  // k2 was evicted by the flood (bounded), so it starts a fresh window
  assert.equal(rl.hit('k2', 1, 60_000, 6_000).allowed, true);
});

test('requests checked out of order stay in one window: an earlier receipt time does not start a new one', () => {
  const rl = createRateLimiter();
  // 1 MB bodies finish reading out of order, so a later check can carry an earlier receipt time
  assert.equal(rl.hit('a', 2, 60_000, 1_000).allowed, true);
  assert.equal(rl.hit('a', 2, 60_000, 900).allowed, true);
  assert.deepEqual(rl.hit('a', 2, 60_000, 950), { allowed: false, retryAfterSeconds: 61, count: 3 });
  // a clock set back by more than a window is a new window
  assert.equal(rl.hit('a', 2, 60_000, 1_000 - 60_000).allowed, true);
});
