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

/** ISO 8601 date-time; a value without zone is read as UTC and flagged (zoneMissing) */
export function parseIso(text: string): ParsedTime {
  const m = ISO.exec(text.trim());
  if (!m) return { ok: false };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] ? Number(m[6]) : 0;
  const fraction = m[7] ? Number(`0.${m[7]}`) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false };
  if (hour > 23 || minute > 59 || second > 60) return { ok: false };
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
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)) + Math.round(fraction * 1000);
  return { ok: true, epochMs: utc - offsetMinutes * 60_000, unit: 'iso', zoneMissing: !zone, numeric: null };
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
