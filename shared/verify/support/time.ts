/** Deterministic parsing of provider timestamps (never Date.parse, whose zone-less handling depends on the host). */
export type ParsedTime =
  | { ok: true; epochMs: number; unit: 'seconds' | 'iso'; zoneMissing: boolean; numeric: number | null }
  | { ok: false };

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS[month - 1];
}

/** digits at [at, at + n) as a number, or -1 when one is not a digit */
function digitsAt(text: string, at: number, n: number): number {
  let value = 0;
  for (let i = at; i < at + n; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The form Date#toISOString writes (2026-01-31T12:00:00.000Z: most payload timestamps), read by
 * position instead of the regular expression (per request); null when the text is not in that form.
 */
function canonicalIso(t: string): ParsedTime | null {
  if (t.length !== 24 || t[4] !== '-' || t[7] !== '-' || t[10] !== 'T' || t[13] !== ':' || t[16] !== ':' || t[19] !== '.' || t[23] !== 'Z') return null;
  const fields = [digitsAt(t, 0, 4), digitsAt(t, 5, 2), digitsAt(t, 8, 2), digitsAt(t, 11, 2), digitsAt(t, 14, 2), digitsAt(t, 17, 2), digitsAt(t, 20, 3)];
  if (fields.some((f) => f < 0)) return null;
  const [year, month, day, hour, minute, second, ms] = fields;
  return fromFields(year, month, day, hour, minute, second, ms, 0, false);
}

/** ISO 8601 date-time; a value without zone is read as UTC and flagged (zoneMissing) */
export function parseIso(text: string): ParsedTime {
  const trimmed = text.trim();
  const canonical = canonicalIso(trimmed);
  if (canonical) return canonical;
  const m = ISO.exec(trimmed);
  if (!m) return { ok: false };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] ? Number(m[6]) : 0;
  const fraction = m[7] ? Number(`0.${m[7]}`) : 0;
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return { ok: false };
    offsetMinutes = sign * (oh * 60 + om);
  }
  return fromFields(year, month, day, hour, minute, second, Math.round(fraction * 1000), offsetMinutes, !zone);
}

function fromFields(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, offsetMinutes: number, zoneMissing: boolean): ParsedTime {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false };
  if (hour > 23 || minute > 59 || second > 60) return { ok: false };
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)) + ms;
  return { ok: true, epochMs: utc - offsetMinutes * 60_000, unit: 'iso', zoneMissing, numeric: null };
}

/** unix seconds as digits (optionally signed); fractions are not allowed by any of the schemes */
export function parseUnixSeconds(text: string): ParsedTime {
  const t = text.trim();
  if (!/^-?\d{1,16}$/.test(t)) return { ok: false };
  const n = Number(t);
  if (!Number.isSafeInteger(n)) return { ok: false };
  return { ok: true, epochMs: n * 1000, unit: 'seconds', zoneMissing: false, numeric: n };
}

/** a payload value: a number (seconds), a digit string (seconds) or an ISO 8601 string */
export function parsePayloadTime(value: unknown): ParsedTime {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false };
    return { ok: true, epochMs: Math.round(value * 1000), unit: 'seconds', zoneMissing: false, numeric: value };
  }
  if (typeof value !== 'string') return { ok: false };
  const secs = parseUnixSeconds(value);
  return secs.ok ? secs : parseIso(value);
}

/** ISO string for evidence, or null when out of the Date range */
export function isoOrNull(epochMs: number): string | null {
  if (!Number.isFinite(epochMs) || Math.abs(epochMs) > 8.64e15) return null;
  return new Date(epochMs).toISOString();
}
