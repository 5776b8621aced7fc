/**
 * Deriving holds off while a burst comes in (burst-deferral.ts): only while the journal grows at the
 * burst rate or faster, never past DEFER_MAX_ROWS waiting or DEFER_MAX_MS of holding off, and it stops
 * as soon as the arrivals do. The clock and the journal are stand-ins here; the deriver's own use of it
 * runs over a real journal in deriver-pacing.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  BURST_ROWS_PER_SECOND,
  BURST_WINDOW_MS,
  createBurstDeferral,
  DEFER_MAX_MS,
  DEFER_MAX_ROWS,
} from '../../../../electron/core/derive/burst-deferral';

/** a journal whose head and derive position the test moves, read through a clock the test sets */
function journal() {
  const state = { head: 0, next: 0, now: 0 };
  const deferral = createBurstDeferral({ head: () => state.head, next: () => state.next }, () => state.now);
  /** `rows` arrive over the next window (the first waiting row becomes `next`), then the deriver asks */
  const arrive = (rows: number, ms = BURST_WINDOW_MS): boolean => {
    if (rows > 0 && state.next === 0) state.next = state.head + 1;
    state.head += rows;
    state.now += ms;
    return deferral.holdOff();
  };
  const deriveAll = (): void => {
    state.next = 0;
  };
  return { state, arrive, deriveAll };
}

/** rows per window at a given rate */
const perWindow = (rowsPerSecond: number): number => Math.ceil((rowsPerSecond * BURST_WINDOW_MS) / 1000);

describe('burst deferral', () => {
  test('holds off while arrivals keep the burst rate, and stops in the first window without them', () => {
    const j = journal();
    assert.equal(j.arrive(perWindow(BURST_ROWS_PER_SECOND)), true);
    assert.equal(j.arrive(perWindow(3 * BURST_ROWS_PER_SECOND)), true);
    assert.equal(j.arrive(0), false, 'the burst is over: derive now');
  });

  test('arrivals below the burst rate (a developer\'s providers) are derived at once', () => {
    const j = journal();
    for (let i = 0; i < 50; i++) assert.equal(j.arrive(perWindow(BURST_ROWS_PER_SECOND) - 1), false);
    // one delivery after a quiet spell: no burst either
    assert.equal(j.arrive(1, 5_000), false);
  });

  test('a window shorter than BURST_WINDOW_MS keeps the verdict of the last full one', () => {
    const j = journal();
    assert.equal(j.arrive(perWindow(2 * BURST_ROWS_PER_SECOND)), true);
    // many rows in a few ms say nothing about the rate yet
    assert.equal(j.arrive(0, BURST_WINDOW_MS / 4), true);
    assert.equal(j.arrive(0, BURST_WINDOW_MS), false);
  });

  test(`no holding off once ${DEFER_MAX_ROWS.toLocaleString('en-US')} rows wait, burst or not`, () => {
    const j = journal();
    assert.equal(j.arrive(DEFER_MAX_ROWS - 1), true);
    assert.equal(j.arrive(perWindow(2 * BURST_ROWS_PER_SECOND)), false, 'the backlog reached the bound');
    // the deriver caught up: the burst still goes on, holding off may start again
    j.deriveAll();
    assert.equal(j.arrive(perWindow(2 * BURST_ROWS_PER_SECOND)), true);
  });

  test(`holds off at most ${DEFER_MAX_MS / 1000} s in one burst; a new burst after a quiet window may hold off again`, () => {
    const j = journal();
    const rows = perWindow(2 * BURST_ROWS_PER_SECOND);
    const windows = DEFER_MAX_MS / BURST_WINDOW_MS;
    let held = 0;
    for (let i = 0; i < windows + 20; i++) {
      if (j.arrive(rows)) held++;
      // what the deriver does not hold off for it derives
      else j.deriveAll();
    }
    assert.equal(held, windows, 'held off for exactly the bound, then derived through the rest of the burst');
    assert.equal(j.arrive(0), false);
    j.deriveAll();
    assert.equal(j.arrive(rows), true, 'a new burst');
  });
});
