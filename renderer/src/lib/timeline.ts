/** Pure helpers of the traffic timeline: words for a bar width, bar labels, and the query a brushed range makes. */
import type { TimelineBucket, TimelineValue } from '../../../shared/api';
import { setField } from './delivery-list';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "per minute", "per 10 seconds", "per 6 hours" */
export function perStep(bucketMs: number): string {
  const units: Array<[number, string]> = [[7 * DAY, 'week'], [DAY, 'day'], [HOUR, 'hour'], [MINUTE, 'minute'], [SECOND, 'second']];
  const [size, word] = units.find(([u]) => bucketMs % u === 0) ?? [SECOND, 'second'];
  const n = bucketMs / size;
  return n === 1 ? `per ${word}` : `per ${n} ${word}s`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** a bar's start in local time, as precise as the bar width needs; the date too when the window spans days */
export function stepLabel(at: string, bucketMs: number, spansDays: boolean): string {
  const d = new Date(at);
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  if (bucketMs >= DAY) return date;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}${bucketMs < MINUTE ? `:${pad(d.getSeconds())}` : ''}`;
  return spansDays ? `${date} ${time}` : time;
}

export function spansDays(value: TimelineValue): boolean {
  return value.from !== null && value.to !== null && new Date(value.from).toDateString() !== new Date(Date.parse(value.to) - 1).toDateString();
}

/** one bar in words, for the slider's value text and the table */
export function describeStep(bucket: TimelineBucket, value: TimelineValue): string {
  const days = spansDays(value);
  const end = new Date(Date.parse(bucket.at) + value.bucketMs).toISOString();
  return `${stepLabel(bucket.at, value.bucketMs, days)} to ${stepLabel(end, value.bucketMs, days)}: ${bucket.verified.toLocaleString()} verified, ${bucket.rejected.toLocaleString()} rejected`;
}

/** an instant as the query writes it: UTC, no milliseconds when there are none */
export function queryTime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** the query with after:/before: set to bars first..last (inclusive) */
export function rangeQuery(query: string, value: TimelineValue, first: number, last: number): string {
  const lo = Math.min(first, last);
  const hi = Math.max(first, last);
  const from = Date.parse(value.buckets[lo].at);
  const to = Date.parse(value.buckets[hi].at) + value.bucketMs;
  return setField(setField(query, 'after', queryTime(from)), 'before', queryTime(to));
}

/** the query without its time range */
export function withoutRange(query: string): string {
  return setField(setField(query, 'after', null), 'before', null);
}
