/**
 * Sets fields of a JSON object body by editing only the changed top-level values in the raw text:
 * every other byte (number formatting, big integers, escapes, indentation) stays as it was.
 */
import { decodeUtf8Strict, utf8 } from './bytes';
import { isObject } from './json-path';

interface Span {
  start: number;
  end: number;
}

/** Spans of the top-level values by key, and the index of the closing brace; null if not an object. */
function topLevelSpans(text: string): { values: Map<string, Span>; close: number } | null {
  let i = text.search(/\S/);
  if (i < 0 || text[i] !== '{') return null;
  const values = new Map<string, Span>();
  const skipWs = (at: number) => {
    while (at < text.length && /\s/.test(text[at])) at++;
    return at;
  };
  const stringEnd = (at: number) => {
    // at points at the opening quote
    for (let j = at + 1; j < text.length; j++) {
      if (text[j] === '\\') j++;
      else if (text[j] === '"') return j + 1;
    }
    return -1;
  };
  const valueEnd = (at: number): number => {
    const c = text[at];
    if (c === '"') return stringEnd(at);
    if (c === '{' || c === '[') {
      let depth = 0;
      for (let j = at; j < text.length; j++) {
        const d = text[j];
        if (d === '"') {
          j = stringEnd(j) - 1;
          if (j < 0) return -1;
        } else if (d === '{' || d === '[') depth++;
        else if (d === '}' || d === ']') {
          depth--;
          if (depth === 0) return j + 1;
        }
      }
      return -1;
    }
    let j = at;
    while (j < text.length && !/[\s,}\]]/.test(text[j])) j++;
    return j;
  };
  i = skipWs(i + 1);
  while (i < text.length && text[i] !== '}') {
    if (text[i] !== '"') return null;
    const keyEnd = stringEnd(i);
    if (keyEnd < 0) return null;
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipWs(keyEnd);
    if (text[i] !== ':') return null;
    const start = skipWs(i + 1);
    const end = valueEnd(start);
    if (end < 0) return null;
    values.set(key, { start, end });
    i = skipWs(end);
    if (text[i] === ',') i = skipWs(i + 1);
  }
  return i < text.length ? { values, close: i } : null;
}

export function setJsonFields(body: Uint8Array, update: (obj: Record<string, unknown>) => boolean): Uint8Array {
  const text = decodeUtf8Strict(body);
  if (text === null) return body;
  let before: unknown;
  let after: unknown;
  try {
    before = JSON.parse(text);
    after = JSON.parse(text);
  } catch {
    return body;
  }
  if (!isObject(before) || !isObject(after)) return body;
  if (!update(after)) return body;
  const spans = topLevelSpans(text);
  if (!spans) return body;
  const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  const edits = changed
    .filter((k) => spans.values.has(k))
    .map((k) => ({ ...(spans.values.get(k) as Span), value: JSON.stringify(after[k]) }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.value + out.slice(e.end);
  const added = changed.filter((k) => !spans.values.has(k));
  if (added.length > 0) {
    // new fields go just before the closing brace (its index is unchanged: edits all precede it)
    const close = spans.close + (out.length - text.length);
    const members = added.map((k) => `${JSON.stringify(k)}:${JSON.stringify(after[k])}`).join(',');
    out = out.slice(0, close) + (spans.values.size > 0 ? `,${members}` : members) + out.slice(close);
  }
  return utf8(out);
}
