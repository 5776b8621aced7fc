/**
 * Values for the erasure blind index: every phone-number-like digit sequence and e-mail address in a
 * text, normalised (phones: digits only, country code kept; e-mails: lower case). Deliberately liberal:
 * an extra index entry costs a few bytes, a missing one means an erasure request misses a delivery.
 */
import { findEmails, isEmail } from './email';
import { digitsOf } from './phone';
import { safePercentDecode } from './percent';

// a number glued to letters or digits (hex ids, uuids) is not a phone number
const DIGIT_GROUPS = /(?<![A-Za-z\d])\+?\d+(?:[ ().-]{1,3}\d+)*/g;
const MAX_DIGITS = 15;

function addPhone(out: Set<string>, digits: string, international: boolean): void {
  const n = digits.length;
  if (international) {
    if (n >= 8 && n <= MAX_DIGITS) out.add(digits);
    return;
  }
  if (digits.startsWith('00') && n - 2 >= 8 && n - 2 <= MAX_DIGITS) out.add(digits.slice(2));
  if (n < 10 || n > MAX_DIGITS) return;
  out.add(digits);
  // a 10-digit North American number is indexed with and without its country code 1
  if (n === 10 && digits[0] !== '0' && digits[0] !== '1') out.add(`1${digits}`);
}

/** a phone number is written in at most six groups (+1 (415) 555 01 00) */
const MAX_GROUPS = 6;

function collectPhones(text: string, out: Set<string>): void {
  DIGIT_GROUPS.lastIndex = 0;
  for (let m = DIGIT_GROUPS.exec(text); m; m = DIGIT_GROUPS.exec(text)) {
    const groups = m[0].match(/\d+/g) ?? [];
    const plus = m[0].startsWith('+');
    for (let i = 0; i < groups.length; i++) {
      let digits = '';
      for (let j = i; j < groups.length && j < i + MAX_GROUPS; j++) {
        digits += groups[j];
        if (digits.length > MAX_DIGITS + 2) break;
        if (digits.length >= 8) addPhone(out, digits, plus && i === 0);
      }
    }
  }
}

function variants(text: string): string[] {
  const out = [text];
  if (text.includes('%')) {
    out.push(safePercentDecode(text), safePercentDecode(text.replace(/\+/g, ' ')));
  }
  if (text.includes('\\u')) {
    out.push(text.replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))));
  }
  return out;
}

/** Normalised phone numbers (digits) and e-mail addresses (lower case) found in `text`. */
export function extractBlindValues(text: string): string[] {
  const out = new Set<string>();
  for (const t of variants(text)) {
    if (t.includes('@')) for (const s of findEmails(t)) out.add(t.slice(s.start, s.end).toLowerCase());
    if (/\d/.test(t)) collectPhones(t, out);
  }
  return [...out];
}

// E.164 country calling codes: 1 and 7 are one digit, these are two, every other is three.
const TWO_DIGIT_CC = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(' '),
);

function countryCodeLength(international: string): number {
  if (international[0] === '1' || international[0] === '7') return 1;
  return TWO_DIGIT_CC.has(international.slice(0, 2)) ? 2 : 3;
}

export interface ErasureQuery {
  kind: 'phone' | 'email';
  /** the canonical form first, then the other forms it may have been written in */
  values: string[];
}

/**
 * Normalises a value given to eraseByValue the same way extractBlindValues does.
 * Null when it is neither an e-mail address nor a phone number with area code.
 */
export function normalizeErasureValue(value: string): ErasureQuery | null {
  const t = value.trim();
  if (t.includes('@')) return isEmail(t) ? { kind: 'email', values: [t.toLowerCase()] } : null;
  if (!/^[+\d\s().\-/]+$/.test(t)) return null;
  const digits = digitsOf(t);
  const international = t.startsWith('+') ? digits : digits.startsWith('00') ? digits.slice(2) : null;
  if (international !== null) {
    if (international.length < 8 || international.length > MAX_DIGITS) return null;
    const values = [international];
    const cc = countryCodeLength(international);
    // the same number written nationally with a trunk 0 (020 7946 0958 for +44 20 7946 0958)
    if (international[0] !== '1' && international[0] !== '7') values.push(`0${international.slice(cc)}`);
    return { kind: 'phone', values };
  }
  if (digits.length < 10 || digits.length > MAX_DIGITS) return null;
  if (digits.length === 10 && digits[0] !== '0' && digits[0] !== '1') return { kind: 'phone', values: [`1${digits}`, digits] };
  if (digits.length === 11 && digits[0] === '1') return { kind: 'phone', values: [digits, digits.slice(1)] };
  return { kind: 'phone', values: [digits] };
}
