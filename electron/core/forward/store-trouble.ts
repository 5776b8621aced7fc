/**
 * When the store cannot record an attempt (disk full, database closed), the outbox must not re-send the
 * same due rows in a loop: it pauses like a failed send (1 s, 2 s, 4 s … capped at 5 min) and says so once
 * when the trouble starts and once when it ends, not per try.
 */
import { retryDelayMs } from './backoff';

export interface StoreTrouble {
  /** a store call failed at `now`: pause longer; true when this starts a bout of trouble (log it) */
  failed(now: number): boolean;
  /** a store write worked; the number of failed tries of the bout it ends (0 when there was none) */
  succeeded(): number;
  /** ms until sends may start again (0 when not paused) */
  pausedFor(now: number): number;
}

export function createStoreTrouble(): StoreTrouble {
  let failures = 0;
  let pausedUntil = 0;
  return {
    failed(now) {
      failures += 1;
      pausedUntil = Math.max(pausedUntil, now + retryDelayMs(failures));
      return failures === 1;
    },
    succeeded() {
      const ended = failures;
      failures = 0;
      pausedUntil = 0;
      return ended;
    },
    pausedFor: (now) => Math.max(0, pausedUntil - now),
  };
}
