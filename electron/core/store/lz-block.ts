/**
 * A small LZ77 block codec (LZ4's sequence layout) for the raw copies the deriver stores (key-ring v2).
 * Why not node:zlib: for a 1 KiB delivery zlib's per-call set-up dominates — deflateRawSync cost the
 * deriver ~27 µs per row (measured), this ~5 µs to compress and ~2 µs to check, for 667 instead of 494
 * bytes out of 1,338 (the bench's delivery frame).
 *
 * Block: u32 LE plain length, then sequences: a token byte (high nibble: literal count, low nibble:
 * match length − 4; 15 = more length bytes follow, each adding up to 255), the literals, then — except
 * in the last sequence — a u16 LE offset back into the output and the match's extra length bytes.
 */

const MIN_MATCH = 4;
const MAX_OFFSET = 0xffff;
const HASH_BITS = 12;
/** positions are stored as seen + 1: a fresh call never matches a stale entry (see `base`) */
const table = new Int32Array(1 << HASH_BITS);
let nextBase = 0;
/** bigger inputs are stored uncompressed (positions must fit the table's int32) */
export const MAX_LZ_INPUT = 64 * 1024 * 1024;

function hash4(src: Uint8Array, i: number): number {
  const v = src[i] | (src[i + 1] << 8) | (src[i + 2] << 16) | (src[i + 3] << 24);
  return Math.imul(v, 2654435761) >>> (32 - HASH_BITS);
}

function putLength(out: Uint8Array, o: number, n: number): number {
  let rest = n;
  while (rest >= 255) {
    out[o++] = 255;
    rest -= 255;
  }
  out[o++] = rest;
  return o;
}

/** null when the block would not be smaller than the input */
export function lzCompress(src: Uint8Array): Uint8Array | null {
  const n = src.length;
  if (n > MAX_LZ_INPUT || n < 16) return null;
  // a block no smaller than n is dropped, so n bytes of room (plus a sequence's overhead) suffice
  const out = new Uint8Array(n + 16);
  let o = 0;
  out[o++] = n & 255;
  out[o++] = (n >>> 8) & 255;
  out[o++] = (n >>> 16) & 255;
  out[o++] = n >>> 24;
  // the hash table is shared between calls and never cleared: entries below `base` are from earlier calls
  if (nextBase + n + MAX_OFFSET > 0x3fffffff) {
    table.fill(0);
    nextBase = 0;
  }
  const base = nextBase;
  nextBase += n + 1;
  let anchor = 0;
  let i = 0;
  const lastMatchStart = n - MIN_MATCH;
  while (i <= lastMatchStart) {
    const h = hash4(src, i);
    const candidate = table[h] - base - 1;
    table[h] = i + base + 1;
    if (
      candidate < 0 || i - candidate > MAX_OFFSET ||
      src[candidate] !== src[i] || src[candidate + 1] !== src[i + 1] || src[candidate + 2] !== src[i + 2] || src[candidate + 3] !== src[i + 3]
    ) {
      i++;
      continue;
    }
    let length = MIN_MATCH;
    while (i + length < n && src[candidate + length] === src[i + length]) length++;
    const literals = i - anchor;
    // token, literals, their length bytes, offset and the match's length bytes
    if (o + literals + literals / 255 + length / 255 + 8 >= n) return null;
    const tokenAt = o++;
    if (literals >= 15) o = putLength(out, o, literals - 15);
    out.set(src.subarray(anchor, i), o);
    o += literals;
    const offset = i - candidate;
    out[o++] = offset & 255;
    out[o++] = offset >>> 8;
    const extra = length - MIN_MATCH;
    if (extra >= 15) o = putLength(out, o, extra - 15);
    out[tokenAt] = (Math.min(literals, 15) << 4) | Math.min(extra, 15);
    i += length;
    anchor = i;
  }
  const literals = n - anchor;
  if (o + literals + literals / 255 + 2 >= n) return null;
  out[o++] = Math.min(literals, 15) << 4;
  if (literals >= 15) o = putLength(out, o, literals - 15);
  out.set(src.subarray(anchor), o);
  o += literals;
  return out.subarray(0, o);
}

function damaged(): Error {
  return new Error('lz block: damaged');
}

export function lzDecompress(src: Uint8Array): Uint8Array {
  if (src.length < 5) throw damaged();
  const n = (src[0] | (src[1] << 8) | (src[2] << 16) | (src[3] << 24)) >>> 0;
  if (n > MAX_LZ_INPUT) throw damaged();
  const out = new Uint8Array(n);
  let i = 4;
  let o = 0;
  const length = (start: number): number => {
    let total = start;
    if (start !== 15) return total;
    for (;;) {
      if (i >= src.length) throw damaged();
      const b = src[i++];
      total += b;
      if (b !== 255) return total;
    }
  };
  for (;;) {
    if (i >= src.length) throw damaged();
    const token = src[i++];
    const literals = length(token >> 4);
    if (i + literals > src.length || o + literals > n) throw damaged();
    out.set(src.subarray(i, i + literals), o);
    i += literals;
    o += literals;
    if (i === src.length) break;
    if (i + 2 > src.length) throw damaged();
    const offset = src[i] | (src[i + 1] << 8);
    i += 2;
    const matchLength = length(token & 15) + MIN_MATCH;
    if (offset === 0 || offset > o || o + matchLength > n) throw damaged();
    // byte by byte: a match may overlap what it writes (a run)
    for (let from = o - offset, end = o + matchLength; o < end; ) out[o++] = out[from++];
  }
  if (o !== n) throw damaged();
  return out;
}
