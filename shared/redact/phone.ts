/**
 * Phone-number detection, deliberately conservative so timestamps, ids and amounts survive:
 * a number is a phone when it has a leading `+` (8–15 digits), a national shape with separators
 * (`(415) 555-0100`, `415.555.0100`, `020 7946 0958`), or 10–15 bare digits in a phone-like context.
 * Every pattern has bounded repetition, so matching stays linear on hostile input.
 */
import { phoneMask } from './masks';

const INTERNATIONAL = /(?<![\w+])\+(?:\d[ .()-]{0,2}){7,14}\d(?!\w)/g;
const NORTH_AMERICAN = /(?<![\w+])(?:1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?!\w)/g;
const TRUNK_PREFIXED = /(?<![\w+])0\d{1,4}(?:[ .-]\d{2,8}){1,4}(?!\w)/g;
const BARE = /(?<![\w+])\d{10,15}(?!\w)/g;

const CONTEXT_WORDS = [
  'phone', 'phones', 'tel', 'telephone', 'mobile', 'cell', 'cellphone', 'sms', 'whatsapp', 'fax', 'msisdn',
  'caller', 'callee',
];
const CONTEXT_RE = new RegExp(
  `(?<![A-Za-z])(?:${CONTEXT_WORDS.flatMap((w) => [w, w[0].toUpperCase() + w.slice(1), w.toUpperCase()]).join('|')})(?![a-z])`,
);
const CONTEXT_PHRASE_RE = /\b(?:call me|call back|reach me|text me|my number|number is)\b/i;
const CONTEXT_WINDOW = 40;

export function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

function hasPhoneContext(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - CONTEXT_WINDOW), index);
  return CONTEXT_RE.test(before) || CONTEXT_PHRASE_RE.test(before);
}

/** Masks phone numbers in free text; `context` enables the bare-digits-after-"phone" rule. */
export function redactPhones(text: string, context: boolean): string {
  let out = text.replace(INTERNATIONAL, (m) => phoneMask(digitsOf(m)));
  out = out.replace(NORTH_AMERICAN, (m) => phoneMask(digitsOf(m)));
  out = out.replace(TRUNK_PREFIXED, (m) => {
    const d = digitsOf(m);
    return d.length >= 10 && d.length <= 11 ? phoneMask(d) : m;
  });
  if (context) {
    out = out.replace(BARE, (m, offset: number, whole: string) => (hasPhoneContext(whole, offset) ? phoneMask(m) : m));
  }
  return out;
}

const WHOLE_PHONE = /^\s*\+?[\d ().-]{8,30}\s*$/;

/** The whole value is a phone number, as in a field named like a phone (`"from": "447700900000"`). */
export function wholeValuePhone(value: string): string | null {
  if (!WHOLE_PHONE.test(value)) return null;
  const d = digitsOf(value);
  const plus = value.trim().startsWith('+');
  if (d.length > 15 || d.length < (plus ? 8 : 10)) return null;
  return d;
}
