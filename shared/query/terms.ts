/** One word of a query → a term: field values are checked here, with messages that say what to write. */
import { CHECK_IDS, type CheckId } from '../checks';
import type { QueryError, QueryTerm, TimePoint } from './ast';
import { QUERY_FIELDS } from './fields';

type TermResult = { ok: true; term: QueryTerm | null } | { ok: false; error: QueryError };

const fail = (at: number, message: string): TermResult => ({ ok: false, error: { at, message } });
const ok = (term: QueryTerm | null): TermResult => ({ ok: true, term });

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;
const BODY_KEY = /^[^"\\[\]]+$/;

/** -15m, 15m (both mean "ago"), 2026-01-31, 2026-01-31T14:00[:05[.123]][Z|+02:00]; local time without a zone */
export function parseTimePoint(value: string): TimePoint | null {
  const rel = /^-?(\d{1,6})([smhdw])$/.exec(value);
  if (rel) return { ago: Number(rel[1]) * UNIT_MS[rel[2]] };
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(value);
  if (!m) return null;
  const [y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = m.slice(1, 8);
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms.padEnd(3, '0'))] as const;
  const local = new Date(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6]);
  // reject 2026-02-31 and 25:00 instead of rolling them over
  if (local.getMonth() !== parts[1] || local.getDate() !== parts[2] || local.getHours() !== parts[3] || local.getMinutes() !== parts[4]) return null;
  if (!m[8]) return { at: local.getTime() };
  const zone = m[8].toUpperCase() === 'Z' ? 0 : (m[8][0] === '-' ? -1 : 1) * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(-2)));
  return { at: Date.UTC(...parts) - zone * 60_000 };
}

function bodyPath(key: string): Array<string | number> | null {
  const parts = key.split('.').slice(1);
  if (parts.length === 0 || parts.some((p) => p === '' || !BODY_KEY.test(p))) return null;
  return parts.map((p) => (/^\d{1,9}$/.test(p) ? Number(p) : p));
}

export function toTerm(key: string | null, value: string, quoted: boolean, at: number, prefix: boolean): TermResult {
  if (key === null) {
    // text the search index cannot hold (only punctuation) matches everything: drop it
    if (!/[\p{L}\p{N}]/u.test(value)) return ok(null);
    return ok({ kind: 'text', text: value, phrase: quoted, prefix: prefix && !quoted });
  }
  const field = key.toLowerCase();
  const valueAt = at + key.length + 1;
  if (field.startsWith('body.')) {
    const path = bodyPath(key);
    if (!path) return fail(at, `${key}: is not a JSON path: write body. then keys separated by dots, e.g. body.customer.email:`);
    return ok({ kind: 'body', path, value: value === '' ? null : value });
  }
  if (value === '' && field !== 'header')
    return fail(valueAt, `${field}: needs a value, e.g. ${QUERY_FIELDS.find((f) => f.key === field)?.example ?? 'status:401'}`);
  switch (field) {
    case 'status': {
      const code = /^([1-5])(\d\d|xx)$/i.exec(value);
      if (!code) return fail(valueAt, `status: takes a code like 401 or a class like 5xx, not "${value}"`);
      if (code[2].toLowerCase() === 'xx') return ok({ kind: 'status', min: Number(code[1]) * 100, max: Number(code[1]) * 100 + 99 });
      return ok({ kind: 'status', min: Number(value), max: Number(value) });
    }
    case 'verdict': {
      const v = value.toLowerCase();
      if (v !== 'verified' && v !== 'rejected') return fail(valueAt, `verdict: is verified or rejected, not "${value}"`);
      return ok({ kind: 'verdict', verdict: v });
    }
    case 'fail':
    case 'check': {
      const id = value.toLowerCase();
      if (!(CHECK_IDS as readonly string[]).includes(id)) return fail(valueAt, `${field}: takes a check: ${CHECK_IDS.join(', ')}`);
      return ok({ kind: 'failed', check: id as CheckId });
    }
    case 'source':
      return ok({ kind: 'source', pattern: value });
    case 'type':
    case 'event':
      return ok({ kind: 'type', pattern: value });
    case 'header': {
      const eq = value.indexOf('=');
      const name = (eq < 0 ? value : value.slice(0, eq)).toLowerCase();
      if (!HEADER_NAME.test(name)) return fail(valueAt, 'header: takes a header name, then optionally =value, e.g. header:x-github-event=push');
      return ok({ kind: 'header', name, value: eq < 0 || value.slice(eq + 1) === '' ? null : value.slice(eq + 1) });
    }
    case 'after':
    case 'before': {
      const point = parseTimePoint(value);
      if (!point) return fail(valueAt, `${field}: takes a date (2026-01-31, 2026-01-31T14:00) or a time ago (-30s, -15m, -2h, -7d), not "${value}"`);
      return ok({ kind: 'time', op: field, point });
    }
    case 'dup': {
      const v = value.toLowerCase();
      if (v === 'yes' || v === 'true') return ok({ kind: 'dup', duplicate: true });
      if (v === 'no' || v === 'false') return ok({ kind: 'dup', duplicate: false });
      return fail(valueAt, 'dup: is yes or no');
    }
    default:
      return fail(
        at,
        `unknown field "${key}:" — use ${QUERY_FIELDS.filter((f) => f.key !== 'body').map((f) => f.key + ':').join(' ')} or body.<path>:, or put the text in quotes to search for it`,
      );
  }
}
