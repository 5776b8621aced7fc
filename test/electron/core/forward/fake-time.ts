/** A settable clock and a timer scheduler driven by it: tests advance time instead of sleeping. */
import type { Scheduler } from '../../../../electron/core/forward/scheduler';

export interface FakeTime {
  clock: { now(): number };
  scheduler: Scheduler;
  set(ms: number): void;
  /** moves the clock forward and fires the timers that became due */
  advance(ms: number): void;
  pendingTimers(): number;
}

export function createFakeTime(start = Date.UTC(2026, 0, 15, 12, 0, 0)): FakeTime {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const fire = () => {
    for (const [id, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at > now) continue;
      timers.delete(id);
      t.fn();
    }
  };
  return {
    clock: { now: () => now },
    scheduler: {
      setTimeout(fn, ms) {
        const id = ++seq;
        timers.set(id, { at: now + ms, fn });
        return id;
      },
      clearTimeout(handle) {
        timers.delete(handle as number);
      },
    },
    set(ms) {
      now = ms;
    },
    advance(ms) {
      now += ms;
      fire();
    },
    pendingTimers: () => timers.size,
  };
}
