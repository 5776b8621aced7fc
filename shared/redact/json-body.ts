/**
 * JSON-aware redaction that rewrites only the values it masks and keeps every other byte as sent
 * (key order, whitespace, number precision). Lenient: broken or truncated JSON is still scanned,
 * so a configured key in a malformed body is masked too.
 */
import { wholeValueCard } from './card';
import { redactText } from './detect-text';
import { isPhoneKey } from './keys';
import { cardMask, keyMask, phoneMask } from './masks';
import { wholeValuePhone } from './phone';
import { configuredMask, type RedactRules } from './rules';

interface Frame {
  kind: 'obj' | 'arr';
  /** arrays inherit the key that names them, so `"phones": ["…"]` keeps its phone context */
  key: string | null;
}

interface Scan {
  text: string;
  rules: RedactRules;
  parts: string[];
  last: number;
  /** false once anything is not JSON (then the caller runs the free-text detectors over the result too) */
  wellFormed: boolean;
}

const QUOTE = 34;
const BACKSLASH = 92;
const WORTH_SCANNING = /[\d@\\]/;
const DELIMITER = /[\s,:[\]{}"]/;
const PHONE_NUMBER_TOKEN = /^\d{10,15}$/;
const JSON_SCALAR = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/;

function replace(s: Scan, start: number, end: number, replacement: string): void {
  s.parts.push(s.text.slice(s.last, start), replacement);
  s.last = end;
}

function scanString(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) j += 2;
    else if (c === QUOTE) return j + 1;
    else j++;
  }
  return text.length;
}

function skipContainer(text: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const ch = text[j];
    if (ch === '"') {
      j = scanString(text, j);
      continue;
    }
    if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  return text.length;
}

/** the string's value; for an unterminated or badly escaped string, its raw inside */
function stringContent(raw: string): string {
  const terminated = raw.length >= 2 && raw.charCodeAt(raw.length - 1) === QUOTE;
  if (terminated && !raw.includes('\\')) return raw.slice(1, -1);
  if (terminated) {
    try {
      const v: unknown = JSON.parse(raw);
      if (typeof v === 'string') return v;
    } catch {
      // fall through to the raw inside
    }
    return raw.slice(1, -1);
  }
  return raw.slice(1);
}

function stringValue(s: Scan, start: number, end: number, key: string | null): void {
  const raw = s.text.slice(start, end);
  if (key !== null && s.rules.isConfiguredKey(key)) {
    replace(s, start, end, JSON.stringify(configuredMask(key, stringContent(raw))));
    return;
  }
  if (!WORTH_SCANNING.test(raw)) return;
  const value = stringContent(raw);
  let red = redactText(value, s.rules.detectors, true);
  if (red === value && s.rules.detectors.phone && key !== null && isPhoneKey(key)) {
    const phone = wholeValuePhone(value);
    if (phone) red = phoneMask(phone);
  }
  if (red !== value) replace(s, start, end, JSON.stringify(red));
}

function otherValue(s: Scan, start: number, end: number, key: string | null): void {
  const tok = s.text.slice(start, end);
  if (!JSON_SCALAR.test(tok)) s.wellFormed = false;
  if (key !== null && s.rules.isConfiguredKey(key)) {
    if (tok !== 'null') replace(s, start, end, JSON.stringify(configuredMask(key, tok)));
    return;
  }
  if (s.rules.detectors.card && wholeValueCard(tok)) {
    replace(s, start, end, JSON.stringify(cardMask(tok)));
  } else if (s.rules.detectors.phone && key !== null && PHONE_NUMBER_TOKEN.test(tok) && isPhoneKey(key)) {
    replace(s, start, end, JSON.stringify(phoneMask(tok)));
  }
}

export interface JsonRedaction {
  text: string;
  wellFormed: boolean;
}

export function redactJsonText(text: string, rules: RedactRules): string {
  return redactJson(text, rules).text;
}

export function redactJson(text: string, rules: RedactRules): JsonRedaction {
  const s: Scan = { text, rules, parts: [], last: 0, wellFormed: true };
  const stack: Frame[] = [];
  let expectKey = false;
  let currentKey: string | null = null;

  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') {
      i++;
      continue;
    }
    const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
    const valueKey = top === undefined ? null : top.kind === 'obj' ? currentKey : top.key;
    if (ch === '"') {
      const end = scanString(text, i);
      if (end === n && text.charCodeAt(n - 1) !== QUOTE) s.wellFormed = false;
      if (top?.kind === 'obj' && expectKey) {
        const raw = text.slice(i, end);
        const key = stringContent(raw);
        if (WORTH_SCANNING.test(raw)) {
          const red = redactText(key, rules.detectors, false);
          if (red !== key) replace(s, i, end, JSON.stringify(red));
        }
        currentKey = key;
        expectKey = false;
      } else {
        stringValue(s, i, end, valueKey);
      }
      i = end;
    } else if (ch === '{' || ch === '[') {
      if (valueKey !== null && rules.isConfiguredKey(valueKey)) {
        const end = skipContainer(text, i);
        replace(s, i, end, JSON.stringify(keyMask(valueKey)));
        i = end;
        continue;
      }
      stack.push({ kind: ch === '{' ? 'obj' : 'arr', key: ch === '[' ? valueKey : null });
      expectKey = ch === '{';
      i++;
    } else if (ch === '}' || ch === ']') {
      if (top?.kind !== (ch === '}' ? 'obj' : 'arr')) s.wellFormed = false;
      stack.pop();
      expectKey = false;
      i++;
    } else if (ch === ':') {
      expectKey = false;
      i++;
    } else if (ch === ',') {
      if (top?.kind === 'obj') {
        expectKey = true;
        currentKey = null;
      }
      i++;
    } else {
      let end = i + 1;
      while (end < n && !DELIMITER.test(text[end])) end++;
      otherValue(s, i, end, valueKey);
      i = end;
    }
  }
  if (stack.length > 0) s.wellFormed = false;
  if (s.parts.length === 0) return { text, wellFormed: s.wellFormed };
  s.parts.push(text.slice(s.last));
  return { text: s.parts.join(''), wellFormed: s.wellFormed };
}
