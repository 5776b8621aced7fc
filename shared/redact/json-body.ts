/**
 * JSON-aware redaction that rewrites only the values it masks and keeps every other byte as sent
 * (key order, whitespace, number precision). Lenient: broken or truncated JSON is still scanned,
 * so a configured key in a malformed body is masked too.
 */
import { holdsCredential } from './credential-values';
import type { RedactRules } from './rules';
import { containerMask, objectKeyText, scalarMask, stringValueMask } from './value-rules';

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
const SPACE = 32;
const LF = 10;
const CR = 13;
const TAB = 9;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COLON = 58;
const COMMA = 44;
const AT = 64;

/** /[\s,:[\]{}"]/ on one UTF-16 code unit (\s as ECMAScript defines it) */
function isDelimiter(c: number): boolean {
  if (c < 128) {
    return c === 32 || (c >= 9 && c <= 13) || c === COMMA || c === COLON || c === OPEN_BRACKET || c === CLOSE_BRACKET ||
      c === OPEN_BRACE || c === CLOSE_BRACE || c === QUOTE;
  }
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff;
}
const JSON_SCALAR = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/;

function replace(s: Scan, start: number, end: number, replacement: string): void {
  s.parts.push(s.text.slice(s.last, start), replacement);
  s.last = end;
}

/** set by scanString: where the content of the string just scanned ends (its closing quote, or the end of the text) */
let contentEnd = 0;

/**
 * Where the string whose opening quote is at `i` ends: after its closing quote — the first one not
 * escaped, i.e. after an even run of backslashes — or at the end of the text. By indexOf, not char by char:
 * long values (transcripts, logs) are mostly under keys that mask them whole, which never read them.
 */
export function scanString(text: string, i: number): number {
  let from = i + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q === -1) {
      contentEnd = text.length;
      return text.length;
    }
    let run = q;
    while (run > i + 1 && text.charCodeAt(run - 1) === BACKSLASH) run--;
    if ((q - run) % 2 === 0) {
      contentEnd = q;
      return q + 1;
    }
    from = q + 1;
  }
}

/**
 * Whether a detector could mask something between start and end: a digit, '@' or '\\' (cards, phones,
 * e-mail addresses, escapes), or a credential format — those can be letters only (an AWS key such as
 * AKIA followed by 16 capitals was let through when only digits opened the gate).
 */
export function detectable(text: string, start: number, end: number): boolean {
  for (let j = start; j < end; j++) {
    const c = text.charCodeAt(j);
    if ((c >= 48 && c <= 57) || c === AT || c === BACKSLASH) return true;
  }
  return holdsCredential(text.slice(start, end));
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

function stringValue(s: Scan, start: number, end: number, key: string | null, inside: number): void {
  // a configured key masks whatever the value; else without a digit, '@' or escape no detector can match
  if ((key === null || !s.rules.isConfiguredKey(key)) && !detectable(s.text, start + 1, inside)) return;
  const red = stringValueMask(stringContent(s.text.slice(start, end)), key, s.rules);
  if (red !== null) replace(s, start, end, JSON.stringify(red));
}

function otherValue(s: Scan, start: number, end: number, key: string | null): void {
  const tok = s.text.slice(start, end);
  if (!JSON_SCALAR.test(tok)) s.wellFormed = false;
  const red = scalarMask(tok, key, s.rules);
  if (red !== null) replace(s, start, end, JSON.stringify(red));
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
    const c = text.charCodeAt(i);
    if (c === SPACE || c === LF || c === CR || c === TAB) {
      i++;
      continue;
    }
    const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
    const valueKey = top === undefined ? null : top.kind === 'obj' ? currentKey : top.key;
    if (c === QUOTE) {
      const end = scanString(text, i);
      const inside = contentEnd;
      if (end === n && text.charCodeAt(n - 1) !== QUOTE) s.wellFormed = false;
      if (top?.kind === 'obj' && expectKey) {
        const raw = text.slice(i, end);
        const key = stringContent(raw);
        if (detectable(text, i + 1, inside)) {
          const red = objectKeyText(key, rules);
          if (red !== key) replace(s, i, end, JSON.stringify(red));
        }
        currentKey = key;
        expectKey = false;
      } else {
        stringValue(s, i, end, valueKey, inside);
      }
      i = end;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      const mask = containerMask(valueKey, rules);
      if (mask !== null) {
        const end = skipContainer(text, i);
        replace(s, i, end, JSON.stringify(mask));
        i = end;
        continue;
      }
      stack.push({ kind: c === OPEN_BRACE ? 'obj' : 'arr', key: c === OPEN_BRACKET ? valueKey : null });
      expectKey = c === OPEN_BRACE;
      i++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (top?.kind !== (c === CLOSE_BRACE ? 'obj' : 'arr')) s.wellFormed = false;
      stack.pop();
      expectKey = false;
      i++;
    } else if (c === COLON) {
      expectKey = false;
      i++;
    } else if (c === COMMA) {
      if (top?.kind === 'obj') {
        expectKey = true;
        currentKey = null;
      }
      i++;
    } else {
      let end = i + 1;
      while (end < n && !isDelimiter(text.charCodeAt(end))) end++;
      otherValue(s, i, end, valueKey);
      i = end;
    }
  }
  if (stack.length > 0) s.wellFormed = false;
  if (s.parts.length === 0) return { text, wellFormed: s.wellFormed };
  s.parts.push(text.slice(s.last));
  return { text: s.parts.join(''), wellFormed: s.wellFormed };
}
