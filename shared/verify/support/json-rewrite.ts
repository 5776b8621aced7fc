/** Sets top-level fields of a JSON object body, keeping its indentation and trailing newline. */
import { decodeUtf8Strict, utf8 } from './bytes';
import { isObject } from './json-path';

export function setJsonFields(body: Uint8Array, update: (obj: Record<string, unknown>) => boolean): Uint8Array {
  const text = decodeUtf8Strict(body);
  if (text === null) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return body;
  }
  if (!isObject(parsed)) return body;
  if (!update(parsed)) return body;
  const indent = text.includes('\n') ? (/\n([ \t]+)\S/.exec(text)?.[1] ?? '') : '';
  const trailing = /\r?\n$/.exec(text)?.[0] ?? '';
  return utf8(JSON.stringify(parsed, null, indent || undefined) + trailing);
}
