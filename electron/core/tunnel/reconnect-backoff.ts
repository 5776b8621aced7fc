/** Reconnect schedule of the tunnel (docs/architecture.md "Tunnel"): 1 s doubling to 60 s. */
export const FIRST_RECONNECT_MS = 1000;
export const MAX_RECONNECT_MS = 60_000;

/** Wait before the next attempt after the n-th consecutive failure or drop (n ≥ 1): 1, 2, 4 … 60 s. */
export function reconnectDelayMs(failures: number): number {
  const exponent = Math.max(0, failures - 1);
  // 2^6 s already exceeds the cap; avoid huge powers
  if (exponent >= 6) return MAX_RECONNECT_MS;
  return Math.min(MAX_RECONNECT_MS, FIRST_RECONNECT_MS * 2 ** exponent);
}
