/**
 * Event counts in fixed-width time buckets on a ring: memory is `size` numbers whatever the rate,
 * and sums slide with the clock (a bucket older than the ring is reused, never read).
 */
export interface BucketRing {
  /** adds n events at epoch ms `at`; an event older than the ring reaches is dropped */
  add(at: number, n?: number): void;
  /**
   * events in the `span` buckets that end `offset` buckets before the bucket holding `now`
   * (offset 0: the span ends with the current bucket). span + offset must not exceed the ring size.
   */
  sum(now: number, span: number, offset?: number): number;
}

export function createBucketRing(bucketMs: number, size: number): BucketRing {
  if (!(bucketMs > 0) || !Number.isInteger(size) || size < 1) {
    throw new RangeError(`bucket ring needs bucketMs > 0 and an integer size ≥ 1 (got ${bucketMs}, ${size})`);
  }
  const counts = new Array<number>(size).fill(0);
  /** the absolute bucket index each slot currently holds */
  const stamps = new Array<number>(size).fill(Number.NEGATIVE_INFINITY);
  const slotOf = (index: number): number => ((index % size) + size) % size;

  return {
    add(at, n = 1) {
      const index = Math.floor(at / bucketMs);
      const slot = slotOf(index);
      if (stamps[slot] > index) return;
      if (stamps[slot] < index) {
        stamps[slot] = index;
        counts[slot] = 0;
      }
      counts[slot] += n;
    },
    sum(now, span, offset = 0) {
      if (span + offset > size) throw new RangeError(`span ${span} + offset ${offset} exceeds the ring's ${size} buckets`);
      const high = Math.floor(now / bucketMs) - offset;
      const low = high - span;
      let total = 0;
      for (let slot = 0; slot < size; slot++) {
        if (stamps[slot] > low && stamps[slot] <= high) total += counts[slot];
      }
      return total;
    },
  };
}
