/** UTF-8 and byte helpers (TextEncoder/TextDecoder exist in Node and every browser). */
const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * `text` as UTF-8 written into `scratch` (a view of it), or a new array when it may not fit: for bytes
 * used at once and dropped (a constant-time comparison per request), with no allocation.
 */
export function utf8Into(text: string, scratch: Uint8Array): Uint8Array {
  if (text.length * 3 > scratch.byteLength) return encoder.encode(text);
  return scratch.subarray(0, encoder.encodeInto(text, scratch).written);
}

/** null when the bytes are not valid UTF-8 */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.byteLength;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
