/**
 * Values for the erasure blind index: every phone-number-like digit sequence and e-mail address in a
 * text, normalised (phones: digits only, country code kept; e-mails: lower case). Deliberately liberal:
 * an extra index entry costs a few bytes, a missing one means an erasure request misses a delivery.
 */
import { findEmails, isEmail } from './email';
import { digitsOf } from './phone';
import { safePercentDecode } from './percent';

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

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlnum = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** ' ', '(', ')', '.', '-' */
const isGroupSeparator = (c: number): boolean => c === 32 || c === 40 || c === 41 || c === 46 || c === 45;

// digit runs of the current number, as [start, end) pairs (reused: the scan allocates only the values it finds)
const runStart: number[] = [];
const runEnd: number[] = [];

/**
 * Every number written as digit groups — /(?<![A-Za-z\d])\+?\d+(?:[ ().-]{1,3}\d+)*\/g: a number glued to
 * letters or digits (hex ids, uuids) is not a phone number — and each run of up to six of its groups
 * read as one phone number. Scanned by hand: the regex's match arrays were most of what the deriver
 * allocated per delivery.
 */
function collectPhones(text: string, out: Set<string>): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    // most of a text is neither a digit nor '+': passed over with one compare per character
    while (c > 57 || (c < 48 && c !== 43)) {
      if (++i === n) return;
      c = text.charCodeAt(i);
    }
    const plus = c === 43 && i + 1 < n && isDigit(text.charCodeAt(i + 1));
    if ((!plus && c === 43) || (i > 0 && isAlnum(text.charCodeAt(i - 1)))) {
      i++;
      continue;
    }
    // the groups: digit runs joined by one to three separators
    let count = 0;
    let total = 0;
    let j = plus ? i + 1 : i;
    for (;;) {
      const start = j;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      runStart[count] = start;
      runEnd[count] = j;
      count++;
      total += j - start;
      let k = j;
      while (k < n && k - j < 4 && isGroupSeparator(text.charCodeAt(k))) k++;
      if (k === j || k - j > 3 || k >= n || !isDigit(text.charCodeAt(k))) break;
      j = k;
    }
    if (total >= 8) collectGroups(text, count, plus, out);
    // the next number starts after this one (its last character is a digit: nothing can start right after it)
    i = j;
  }
}

function collectGroups(text: string, count: number, plus: boolean, out: Set<string>): void {
  for (let g = 0; g < count; g++) {
    const international = plus && g === 0;
    let length = 0;
    let digits = '';
    for (let h = g; h < count && h < g + MAX_GROUPS; h++) {
      length += runEnd[h] - runStart[h];
      if (length > MAX_DIGITS + 2) break;
      // what addPhone keeps starts at 8 digits with a '+', else at 10: shorter prefixes need no string
      if (length >= (international ? 8 : 10)) {
        if (digits.length === 0) for (let x = g; x <= h; x++) digits += text.slice(runStart[x], runEnd[x]);
        else digits += text.slice(runStart[h], runEnd[h]);
        addPhone(out, digits, international);
      }
    }
  }
}

const unescapeUnicode = (text: string): string => text.replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
const percentDecoded = (text: string): string => safePercentDecode(text);
const formDecoded = (text: string): string => safePercentDecode(text.replace(/\+/g, ' '));

/**
 * Normalised phone numbers (digits) and e-mail addresses (lower case) found in `text`, or in the lines
 * `parts`: the same values in the same order as in `parts.join('\n')`, without the joined copy (no
 * value spans a line break; a part's variant is its own text decoded).
 */
export function extractBlindValues(text: string | readonly string[]): string[] {
  const parts = typeof text === 'string' ? [text] : text;
  const out = new Set<string>();
  const scan = (variant: readonly string[]): void => {
    for (const t of variant) if (t.includes('@')) for (const s of findEmails(t)) out.add(t.slice(s.start, s.end).toLowerCase());
    for (const t of variant) if (/\d/.test(t)) collectPhones(t, out);
  };
  scan(parts);
  // the decoded variants of the whole text, when any part has something to decode
  if (parts.some((t) => t.includes('%'))) {
    scan(parts.map(percentDecoded));
    scan(parts.map(formDecoded));
  }
  if (parts.some((t) => t.includes('\\u'))) scan(parts.map(unescapeUnicode));
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
