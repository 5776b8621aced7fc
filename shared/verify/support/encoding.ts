/** Hex, base64 and base64url codecs, strict on input (null on anything unexpected). */
const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const HEX_CODES = Array.from(HEX, (c) => c.charCodeAt(0));
/** digits of one chunk; reused: a signature's hex per request costs no buffer and no 64-piece string */
const hexDigits = new Uint16Array(1024);

export function toHex(bytes: Uint8Array): string {
  let out = '';
  // in chunks of 512 bytes: String.fromCharCode takes its digits as arguments
  for (let start = 0; start < bytes.byteLength; start += 512) {
    const end = Math.min(bytes.byteLength, start + 512);
    for (let i = start, o = 0; i < end; i++, o += 2) {
      hexDigits[o] = HEX_CODES[bytes[i] >> 4];
      hexDigits[o + 1] = HEX_CODES[bytes[i] & 15];
    }
    out += String.fromCharCode.apply(null, hexDigits.subarray(0, (end - start) * 2) as unknown as number[]);
  }
  return out;
}

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.byteLength; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
  }
  const rest = bytes.byteLength - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63] + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + (pad ? '=' : '');
  }
  return out;
}

function decode(text: string, alphabet: string): Uint8Array | null {
  const stripped = text.replace(/=+$/, '');
  if (text.length - stripped.length > 2) return null;
  if (stripped.length % 4 === 1) return null;
  const values: number[] = [];
  for (const ch of stripped) {
    const v = alphabet.indexOf(ch);
    if (v < 0) return null;
    values.push(v);
  }
  const out = new Uint8Array(Math.floor((values.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let o = 0;
  for (const v of values) {
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 255;
    }
  }
  return out;
}

/** standard base64 with padding */
export function toBase64(bytes: Uint8Array): string {
  return encode(bytes, B64, true);
}

export function toBase64Unpadded(bytes: Uint8Array): string {
  return encode(bytes, B64, false);
}

export function toBase64Url(bytes: Uint8Array): string {
  return encode(bytes, B64URL, false);
}

/** standard base64, padding optional */
export function fromBase64(text: string): Uint8Array | null {
  if (text.length === 0) return null;
  return decode(text, B64);
}

/** base64url without padding (padding tolerated) */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length === 0) return null;
  return decode(text, B64URL);
}
