/** Retry schedule of the outbox (docs/architecture.md "Forwarding and replay"): 1 s doubling to 5 min, for up to 24 h from the first attempt. */
export const FIRST_RETRY_MS = 1000;
export const MAX_RETRY_MS = 5 * 60 * 1000;
export const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;

/** Wait after the n-th failed attempt (n ≥ 1): 1 s, 2 s, 4 s, … capped at 5 min. */
export function retryDelayMs(failedAttempts: number): number {
  const exponent = Math.max(0, failedAttempts - 1);
  // 2^9 s already exceeds the cap; avoid huge powers
  if (exponent >= 9) return MAX_RETRY_MS;
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** exponent);
}

export type AfterFailure = { state: 'retrying'; nextAttemptAt: number } | { state: 'gave_up'; nextAttemptAt: null };

/**
 * What to do after a failed attempt. `failedAttempts` counts this one; `firstAttemptAt` is the epoch ms
 * of the first attempt (this one when it is the first). A retry that would fall more than 24 h after the
 * first attempt is not scheduled: the delivery gives up.
 */
export function afterFailure(failedAttempts: number, firstAttemptAt: number, now: number): AfterFailure {
  const next = now + retryDelayMs(failedAttempts);
  if (next - firstAttemptAt > GIVE_UP_AFTER_MS) return { state: 'gave_up', nextAttemptAt: null };
  return { state: 'retrying', nextAttemptAt: next };
}
