import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWindowedCount, MINUTE_MS } from '../../../../electron/core/security/windowed-count';

describe('createWindowedCount', () => {
  it('slides the last minute by seconds and the last hour by minutes, and keeps the total', () => {
    const count = createWindowedCount();
    const t0 = 10 * 3_600_000;
    count.add(t0);
    count.add(t0 + 30_000);
    assert.equal(count.lastMinute(t0 + 30_000), 2);
    assert.equal(count.lastMinute(t0 + 60_000), 1, 'the first event left the minute');
    assert.equal(count.lastMinute(t0 + 90_000), 0);
    assert.equal(count.lastHour(t0 + 90_000), 2);
    assert.equal(count.lastHour(t0 + 59 * MINUTE_MS), 2);
    assert.equal(count.lastHour(t0 + 60 * MINUTE_MS), 0, 'the minute bucket of both events slid out');
    assert.equal(count.total(), 2);
    assert.equal(count.minutes(t0 + 10 * MINUTE_MS, 10), 0);
    assert.equal(count.minutes(t0 + 10 * MINUTE_MS, 10, 10), 2);
  });
});
