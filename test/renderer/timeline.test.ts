/** The traffic timeline's pure helpers: words for a bar width, and the query a brushed range makes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TimelineValue } from '../../shared/api';
import { parseQuery, timeBounds } from '../../shared/query';
import { perStep, rangeQuery, withoutRange } from '../../renderer/src/lib/timeline';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const value: TimelineValue = {
  from: new Date(T0).toISOString(),
  to: new Date(T0 + 3 * 60_000).toISOString(),
  bucketMs: 60_000,
  buckets: [0, 1, 2].map((i) => ({ at: new Date(T0 + i * 60_000).toISOString(), verified: i, rejected: 1 })),
  total: 6,
};

test('a bar width in words', () => {
  assert.equal(perStep(60_000), 'per minute');
  assert.equal(perStep(10_000), 'per 10 seconds');
  assert.equal(perStep(21_600_000), 'per 6 hours');
  assert.equal(perStep(604_800_000), 'per week');
});

test('a brushed range becomes after:/before: that the query language reads back as the same window', () => {
  const q = rangeQuery('status:401', value, 2, 1);
  assert.equal(q, 'status:401 after:2026-01-15T12:01:00Z before:2026-01-15T12:03:00Z');
  const parsed = parseQuery(q);
  assert.ok(parsed.ok);
  assert.deepEqual(timeBounds(parsed.node, 0), { after: T0 + 60_000, before: T0 + 180_000 });
  // a second brush replaces the range instead of adding another
  assert.equal(rangeQuery(q, value, 0, 0), 'status:401 after:2026-01-15T12:00:00Z before:2026-01-15T12:01:00Z');
  assert.equal(withoutRange(q), 'status:401');
});

test('time bounds come from the top-level AND only', () => {
  const parsed = parseQuery('after:2026-01-15T12:00:00Z (before:2026-01-15T13:00:00Z OR status:401) after:2026-01-15T12:30:00Z');
  assert.ok(parsed.ok);
  assert.deepEqual(timeBounds(parsed.node, 0), { after: T0 + 30 * 60_000, before: null });
});
