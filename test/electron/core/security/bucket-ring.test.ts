import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBucketRing } from '../../../../electron/core/security/bucket-ring';

describe('createBucketRing', () => {
  it('sums the buckets of a span ending at the current bucket', () => {
    const ring = createBucketRing(1000, 10);
    ring.add(0);
    ring.add(500, 2);
    ring.add(3_200);
    assert.equal(ring.sum(3_999, 10), 4);
    assert.equal(ring.sum(3_999, 1), 1, 'only the current bucket');
    assert.equal(ring.sum(9_999, 10), 4, 'bucket 0 is still inside a 10-bucket span at bucket 9');
    assert.equal(ring.sum(10_000, 10), 1, 'bucket 0 slid out at bucket 10');
    assert.equal(ring.sum(12_999, 10), 1);
    assert.equal(ring.sum(13_000, 10), 0, 'bucket 3 slid out at bucket 13');
  });

  it('sums an earlier span with an offset', () => {
    const ring = createBucketRing(1000, 10);
    ring.add(1_000);
    ring.add(6_000);
    ring.add(7_000);
    assert.equal(ring.sum(9_000, 4), 2, 'buckets 6..9');
    assert.equal(ring.sum(9_000, 3), 1, 'buckets 7..9');
    assert.equal(ring.sum(9_000, 5, 5), 1, 'buckets 0..4');
  });

  it('reuses a slot for a newer bucket and drops events older than the ring', () => {
    const ring = createBucketRing(1000, 4);
    ring.add(1_000, 5);
    ring.add(5_000); // same slot as bucket 1, newer: resets it
    assert.equal(ring.sum(5_000, 4), 1);
    ring.add(1_000, 7); // older than what the slot holds: dropped
    assert.equal(ring.sum(5_000, 4), 1);
  });

  it('keeps memory fixed whatever the rate', () => {
    const ring = createBucketRing(1000, 3);
    for (let t = 0; t < 100_000; t += 10) ring.add(t);
    assert.equal(ring.sum(99_999, 3), 300);
  });

  it('refuses a span longer than the ring and a bad shape', () => {
    const ring = createBucketRing(1000, 3);
    assert.throws(() => ring.sum(0, 2, 2), RangeError);
    assert.throws(() => createBucketRing(0, 3), RangeError);
    assert.throws(() => createBucketRing(1000, 0), RangeError);
  });
});
