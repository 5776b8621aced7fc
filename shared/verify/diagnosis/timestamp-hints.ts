/** Likely causes of a timestamp outside the tolerance (docs/api.md "Diagnosis"): milliseconds, time zone, clock drift. */
import type { Diagnosis } from '../../checks';

export function timestampHints(args: {
  skewSeconds: number;
  toleranceSeconds: number;
  /** the value as a number when it was numeric */
  numeric: number | null;
  receivedAt: number;
  zoneMissing: boolean;
}): Diagnosis[] {
  const { skewSeconds, toleranceSeconds, numeric, receivedAt, zoneMissing } = args;
  const hints: Diagnosis[] = [];
  if (numeric !== null && Math.abs(receivedAt - numeric) <= toleranceSeconds * 1000) {
    hints.push({
      code: 'milliseconds',
      summary: 'The timestamp is in milliseconds, but the scheme uses seconds: the sender must divide by 1000 (Math.floor(Date.now() / 1000)).',
    });
    return hints;
  }
  const hours = Math.round(skewSeconds / 3600);
  if (hours !== 0 && Math.abs(hours) <= 14 && Math.abs(skewSeconds - hours * 3600) <= 60) {
    const n = Math.abs(hours);
    hints.push({
      code: 'timezone',
      summary: `The timestamp is off by almost exactly ${n} hour${n === 1 ? '' : 's'}: the sender ${zoneMissing ? 'wrote local time without a zone' : 'probably used local time (or the wrong zone)'} — send UTC with an explicit Z or offset.`,
    });
    return hints;
  }
  const over = Math.abs(skewSeconds) - toleranceSeconds;
  if (over > 0 && over <= Math.max(60, toleranceSeconds / 2)) {
    hints.push({
      code: 'clock_drift',
      summary: `The skew is only ${Math.round(over)} s past the tolerance: a clock is drifting — sync the sender's and this machine's clocks (NTP), or raise toleranceSeconds slightly (never above 900).`,
    });
  }
  return hints;
}
