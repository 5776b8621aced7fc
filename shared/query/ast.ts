/** The delivery query language's syntax tree (docs/api.md, "Query language"). Pure data, JSON-safe. */
import type { CheckId, Verdict } from '../checks';

/** A point in time: absolute (ms since epoch) or relative to "now" when the query runs (ms ago). */
export type TimePoint = { at: number } | { ago: number };

export type QueryTerm =
  /** full text over the redacted body, event type and path; `prefix` for the word being typed */
  | { kind: 'text'; text: string; phrase: boolean; prefix: boolean }
  /** the status Hookscope answered with, inclusive range (401 → 401..401, 5xx → 500..599) */
  | { kind: 'status'; min: number; max: number }
  | { kind: 'verdict'; verdict: Verdict }
  /** the delivery failed this check */
  | { kind: 'failed'; check: CheckId }
  /** glob patterns: `*` matches any run of characters, matching ignores case */
  | { kind: 'source'; pattern: string }
  | { kind: 'type'; pattern: string }
  /** a header by name (lower case), optionally with a value glob */
  | { kind: 'header'; name: string; value: string | null }
  /** a JSON body value by path (keys and array indexes), optionally with a value glob */
  | { kind: 'body'; path: Array<string | number>; value: string | null }
  | { kind: 'time'; op: 'after' | 'before'; point: TimePoint }
  | { kind: 'dup'; duplicate: boolean };

export type QueryNode =
  | { kind: 'and'; items: QueryNode[] }
  | { kind: 'or'; items: QueryNode[] }
  | { kind: 'not'; item: QueryNode }
  | QueryTerm;

export interface QueryError {
  message: string;
  /** character offset in the query text where the problem starts */
  at: number;
}

export type ParsedQuery = { ok: true; node: QueryNode | null } | { ok: false; error: QueryError };
