/** Bodies a sender may have signed instead of the bytes it sent: re-serialised JSON, whitespace changes. */
import { decodeUtf8Strict, utf8 } from '../support/bytes';

export interface BodyVariant {
  code: 'reserialized_json' | 'body_whitespace';
  body: Uint8Array;
  /** what was different, for the summary */
  what: string;
}

/** bodies above this size get no variants (diagnosis must stay cheap on hostile input) */
export const MAX_VARIANT_BODY_BYTES = 256 * 1024;

function isWs(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

export function bodyVariants(raw: Uint8Array): BodyVariant[] {
  if (raw.byteLength > MAX_VARIANT_BODY_BYTES) return [];
  const out: BodyVariant[] = [];
  const seen = new Set<string>();
  const rawText = decodeUtf8Strict(raw);
  const add = (v: BodyVariant, key: string) => {
    // one entry per distinct body and hypothesis
    if (key === rawText || seen.has(`${v.code}\u0000${key}`)) return;
    seen.add(`${v.code}\u0000${key}`);
    out.push(v);
  };
  const bytes = (b: Uint8Array, what: string) => {
    const key = decodeUtf8Strict(b) ?? `\u0000${what}`;
    add({ code: 'body_whitespace', body: b, what }, key);
  };
  const append = (suffix: number[]) => {
    const b = new Uint8Array(raw.byteLength + suffix.length);
    b.set(raw);
    b.set(suffix, raw.byteLength);
    return b;
  };
  bytes(append([0x0a]), 'the body with a trailing newline added');
  bytes(append([0x0d, 0x0a]), 'the body with a trailing CRLF added');
  const n = raw.byteLength;
  if (n >= 2 && raw[n - 2] === 0x0d && raw[n - 1] === 0x0a) bytes(raw.subarray(0, n - 2), 'the body without its trailing CRLF');
  if (n >= 1 && raw[n - 1] === 0x0a) bytes(raw.subarray(0, n - 1), 'the body without its trailing newline');
  let start = 0;
  let end = n;
  while (start < end && isWs(raw[start])) start++;
  while (end > start && isWs(raw[end - 1])) end--;
  if (start > 0 || end < n) bytes(raw.subarray(start, end), 'the body with surrounding whitespace trimmed');
  const whitespaceTexts = new Set(out.map((v) => decodeUtf8Strict(v.body)));
  if (rawText !== null) {
    try {
      const parsed: unknown = JSON.parse(rawText);
      for (const [indent, what] of [
        [undefined, 'compact JSON (JSON.stringify of the parsed body)'],
        [2, 'JSON pretty-printed with 2 spaces'],
        [4, 'JSON pretty-printed with 4 spaces'],
      ] as const) {
        const text = JSON.stringify(parsed, null, indent);
        // equal to a whitespace variant: the simpler explanation (whitespace) is already reported
        if (!whitespaceTexts.has(text)) add({ code: 'reserialized_json', body: utf8(text), what }, text);
      }
    } catch {
      // not JSON: only whitespace variants apply
    }
  }
  return out;
}
