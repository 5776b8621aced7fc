/** Words for a retry chain: "3rd arrival of evt_1Nq…, +62 s after the 2nd". */
import type { RetryArrival } from '../../../shared/api';
import { formatSeconds } from './format';

export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

export function shortKey(key: string | null): string {
  if (!key) return 'this event';
  return key.length > 16 ? `${key.slice(0, 14)}…` : key;
}

export function retryLabel(retry: RetryArrival): string {
  if (retry.n === 1) return `1st of ${retry.of} arrivals of ${shortKey(retry.eventKey)}`;
  const gap = retry.sincePreviousMs === null ? '' : `, ${formatSeconds(retry.sincePreviousMs / 1000)} after the ${ordinal(retry.n - 1)}`;
  return `${ordinal(retry.n)} arrival of ${shortKey(retry.eventKey)}${gap}`;
}
