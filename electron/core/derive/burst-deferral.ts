/**
 * While a burst comes in, deriving waits (docs/architecture.md, "Bursts"): on a machine whose cores are
 * all busy, every microsecond the deriver takes is one the request path does not get, and nothing
 * acknowledged depends on the derived view — the journal holds every delivery, and lists show the
 * journaled ones as pending until they are derived. So while the journal grows faster than
 * BURST_ROWS_PER_SECOND, the deriver holds off, within two bounds that keep the view's lag short:
 * at most DEFER_MAX_ROWS waiting (what the deriver catches up with in well under ten seconds) and at
 * most DEFER_MAX_MS since it began holding off. Beyond either it derives as usual, burst or not.
 * A reader waiting for the view (drain) never waits for the burst to end.
 */

/** arrivals per second (journal growth) from which a burst counts as one: far above what a developer's providers send */
export const BURST_ROWS_PER_SECOND = 1_000;
/** the journal's growth is measured over windows at least this long */
export const BURST_WINDOW_MS = 100;
/** rows waiting beyond which the deriver works through a burst */
export const DEFER_MAX_ROWS = 100_000;
/**
 * The longest the deriver holds off in one burst: what waits on the view (live events, the security
 * monitor's alerts, forwarding to the dev server) is at most this late, plus the catch-up
 */
export const DEFER_MAX_MS = 10_000;

export interface JournalProgress {
  /** highest journal seq committed (0: empty) */
  head(): number;
  /** lowest journal seq not derived yet (0: nothing waiting) */
  next(): number;
}

export interface BurstDeferral {
  /** true: a burst is coming in and the bounds allow holding off now */
  holdOff(): boolean;
}

export function createBurstDeferral(journal: JournalProgress, now: () => number = Date.now): BurstDeferral {
  let windowStart = now();
  let headAtStart = journal.head();
  let inBurst = false;
  /** when holding off began in this burst (0: not holding off) */
  let heldSince = 0;

  const measure = (t: number): void => {
    const elapsed = t - windowStart;
    if (elapsed < BURST_WINDOW_MS) return;
    const head = journal.head();
    inBurst = ((head - headAtStart) * 1000) / elapsed >= BURST_ROWS_PER_SECOND;
    windowStart = t;
    headAtStart = head;
  };

  return {
    holdOff() {
      const t = now();
      measure(t);
      if (!inBurst) {
        heldSince = 0;
        return false;
      }
      const next = journal.next();
      const waiting = next === 0 ? 0 : journal.head() - next + 1;
      if (waiting >= DEFER_MAX_ROWS) return false;
      if (heldSince === 0) heldSince = t;
      return t - heldSince < DEFER_MAX_MS;
    },
  };
}
