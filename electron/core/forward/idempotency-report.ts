/**
 * The idempotency report of a chaos run: the dev server's answers side by side and, with a side-effect
 * probe read before and after, a plain verdict. A handler that de-duplicates applies each event at most
 * once however many copies arrive (zero times when it had already processed it); a naive one applies it
 * once per copy.
 */
import type { IdempotencyReport, IdempotencyVerdict } from '../../../shared/api';

export interface ProbeReading {
  /** parsed JSON as read (unredacted: counters are compared on it) */
  value: unknown;
  /** the same, redacted for display */
  shown: unknown;
}

export interface ReportInput {
  statuses: Array<number | null>;
  bodies: string[];
  /** distinct events among the copies */
  events: number;
  /** what identifies an event for this source, e.g. "webhook-id" or "body id" */
  keyName: string;
  /** null: no probe given; a string: why it could not be read */
  before: ProbeReading | string | null;
  after: ProbeReading | string | null;
}

const times = (n: number) => (n === 1 ? 'once' : n === 0 ? '0 times' : `${n} times`);
const copiesText = (n: number) => `${n} ${n === 1 ? 'copy' : 'copies'}`;

export function buildReport(input: ReportInput): IdempotencyReport {
  const copies = input.statuses.length;
  const base = {
    copies,
    events: input.events,
    statuses: input.statuses,
    distinctBodies: new Set(input.bodies).size,
    probeBefore: typeof input.before === 'object' && input.before !== null ? input.before.shown : null,
    probeAfter: typeof input.after === 'object' && input.after !== null ? input.after.shown : null,
  };
  const verdict = (verdict: IdempotencyVerdict, applied: number | null, summary: string): IdempotencyReport => ({ ...base, applied, verdict, summary });

  if (input.before === null || input.after === null) {
    return verdict('unknown', null, `${copiesText(copies)} → ${statusText(input.statuses)}; give a side-effect probe (a GET URL on your dev server answering JSON with a counter) for a verdict`);
  }
  if (typeof input.before === 'string' || typeof input.after === 'string') {
    const why = typeof input.before === 'string' ? input.before : (input.after as string);
    return verdict('unknown', null, `the side-effect probe could not be read: ${why}`);
  }
  const applied = appliedCount(input.before.value, input.after.value);
  if (applied === null) {
    return verdict('unknown', null, 'the probe answered, but no counter in it changed in a way that can be counted: answer a number, a list, or an object with numeric fields');
  }
  if (copies <= input.events) {
    return verdict('unknown', applied, `each event was sent once (side effect applied ${times(applied)}): send at least 2 copies of an event to test idempotency`);
  }
  if (applied > input.events) {
    return verdict('not_idempotent', applied, `${copiesText(copies)} → side effect applied ${times(applied)}: the handler is not idempotent on ${input.keyName}`);
  }
  return verdict('idempotent', applied, `${copiesText(copies)} → side effect applied ${times(applied)}: the handler de-duplicates on ${input.keyName}`);
}

function statusText(statuses: Array<number | null>): string {
  const counts = new Map<string, number>();
  for (const s of statuses) counts.set(s === null ? 'no answer' : String(s), (counts.get(s === null ? 'no answer' : String(s)) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n}× ${s}`).join(', ');
}

/**
 * How many times the side effect was applied between two probe readings: the change of a number, of a
 * list's length, or the largest change among an object's numeric fields and lists (e.g. {"charges": 5,
 * "emails": 5} → 5). null when nothing countable is there.
 */
export function appliedCount(before: unknown, after: unknown): number | null {
  if (typeof before === 'number' && typeof after === 'number') return after - before;
  if (Array.isArray(before) && Array.isArray(after)) return after.length - before.length;
  if (isObject(before) && isObject(after)) {
    let best: number | null = null;
    for (const key of Object.keys(after)) {
      if (!(key in before)) continue;
      const delta = appliedCount(before[key], after[key]);
      if (delta !== null && (best === null || Math.abs(delta) > Math.abs(best))) best = delta;
    }
    return best;
  }
  return null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
