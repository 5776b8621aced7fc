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
/** the 4 bytes at the position in `table` (valid where that entry is from this call): one compare instead of four reads */
const tableBytes = new Int32Array(1 << HASH_BITS);
let nextBase = 0;
/** bigger inputs are stored uncompressed (positions must fit the table's int32) */
export const MAX_LZ_INPUT = 64 * 1024 * 1024;

const read4 = (src: Uint8Array, i: number): number => src[i] | (src[i + 1] << 8) | (src[i + 2] << 16) | (src[i + 3] << 24);
const hash4 = (bytes: number): number => Math.imul(bytes, 2654435761) >>> (32 - HASH_BITS);

/** a short run byte by byte: a subarray view for each of a block's many short literal runs cost more than the copy */
const SHORT_COPY = 32;

function copyBytes(from: Uint8Array, start: number, end: number, to: Uint8Array, at: number): void {
  if (end - start > SHORT_COPY) {
    to.set(from.subarray(start, end), at);
    return;
  }
  for (let k = start, o = at; k < end; ) to[o++] = from[k++];
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
  // the 4 bytes at i, rolled forward one byte at a time
  let bytes = read4(src, 0);
  while (i <= lastMatchStart) {
    const h = hash4(bytes);
    const candidate = table[h] - base - 1;
    const same = candidate >= 0 && i - candidate <= MAX_OFFSET && tableBytes[h] === bytes;
    table[h] = i + base + 1;
    tableBytes[h] = bytes;
    if (!same) {
      i++;
      if (i <= lastMatchStart) bytes = (bytes >>> 8) | (src[i + 3] << 24);
      continue;
    }
    let length = MIN_MATCH;
    while (i + length < n && src[candidate + length] === src[i + length]) length++;
    const literals = i - anchor;
    // token, literals, their length bytes, offset and the match's length bytes
    if (o + literals + literals / 255 + length / 255 + 8 >= n) return null;
    const tokenAt = o++;
    if (literals >= 15) o = putLength(out, o, literals - 15);
    copyBytes(src, anchor, i, out, o);
    o += literals;
    const offset = i - candidate;
    out[o++] = offset & 255;
    out[o++] = offset >>> 8;
    const extra = length - MIN_MATCH;
    if (extra >= 15) o = putLength(out, o, extra - 15);
    out[tokenAt] = (Math.min(literals, 15) << 4) | Math.min(extra, 15);
    i += length;
    anchor = i;
    if (i <= lastMatchStart) bytes = read4(src, i);
  }
  const literals = n - anchor;
  if (o + literals + literals / 255 + 2 >= n) return null;
  out[o++] = Math.min(literals, 15) << 4;
  if (literals >= 15) o = putLength(out, o, literals - 15);
  copyBytes(src, anchor, n, out, o);
  o += literals;
  return out.subarray(0, o);
}

function damaged(): Error {
  return new Error('lz block: damaged');
}

/** a sequence's literal count or match length: `start` from the token, then more bytes while 15 (sets `at`) */
let at = 0;
function readLength(src: Uint8Array, i: number, start: number): number {
  at = i;
  if (start !== 15) return start;
  let total = start;
  for (;;) {
    if (at >= src.length) throw damaged();
    const b = src[at++];
    total += b;
    if (b !== 255) return total;
  }
}

/**
 * Decodes a block into `out` (its plain length, from the block's first 4 bytes, long) — or, with `check`,
 * compares what it decodes with `out` instead of writing it: false at the first byte that differs.
 */
function decode(src: Uint8Array, out: Uint8Array, check: boolean): boolean {
  const n = out.length;
  let i = 4;
  let o = 0;
  for (;;) {
    if (i >= src.length) throw damaged();
    const token = src[i++];
    const literals = readLength(src, i, token >> 4);
    i = at;
    if (i + literals > src.length || o + literals > n) throw damaged();
    if (check) {
      for (let end = i + literals; i < end; ) if (out[o++] !== src[i++]) return false;
    } else {
      copyBytes(src, i, i + literals, out, o);
      i += literals;
      o += literals;
    }
    if (i === src.length) break;
    if (i + 2 > src.length) throw damaged();
    const offset = src[i] | (src[i + 1] << 8);
    const matchLength = readLength(src, i + 2, token & 15) + MIN_MATCH;
    i = at;
    if (offset === 0 || offset > o || o + matchLength > n) throw damaged();
    // byte by byte: a match may overlap what it writes (a run); checked, it reads what was checked equal
    if (check) {
      for (let from = o - offset, end = o + matchLength; o < end; ) if (out[o++] !== out[from++]) return false;
    } else {
      for (let from = o - offset, end = o + matchLength; o < end; ) out[o++] = out[from++];
    }
  }
  if (o !== n) throw damaged();
  return true;
}

function plainLength(src: Uint8Array): number {
  if (src.length < 5) throw damaged();
  const n = (src[0] | (src[1] << 8) | (src[2] << 16) | (src[3] << 24)) >>> 0;
  if (n > MAX_LZ_INPUT) throw damaged();
  return n;
}

export function lzDecompress(src: Uint8Array): Uint8Array {
  const out = new Uint8Array(plainLength(src));
  decode(src, out, false);
  return out;
}

/**
 * Whether `block` decodes to exactly `plain`, without decoding it into a copy: the check lzCompress's
 * output gets before it replaces anything. A damaged block is false too.
 */
export function lzDecodesTo(block: Uint8Array, plain: Uint8Array): boolean {
  try {
    return plainLength(block) === plain.length && decode(block, plain, true);
  } catch {
    return false;
  }
}
