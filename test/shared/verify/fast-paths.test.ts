/**
 * Per-request shortcuts in the verify engine read exactly what the general code reads: the hex test
 * (a loop instead of /^[0-9a-fA-F]+$/) and ISO timestamps in Date#toISOString's form (read by position
 * instead of the regular expression, which still reads every other form: 'z' and 't' take that road).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { looksEncoded } from '../../../shared/verify/presets/common';
import { parseIso, parsePayloadTime } from '../../../shared/verify/support/time';

test('looksEncoded hex: the same answer as /^[0-9a-fA-F]+$/ for any string', () => {
  const unit = fc.constantFrom('0', '9', 'a', 'f', 'A', 'F', 'g', 'G', '/', ':', '@', '`', '\u0010', '\u0019', '\u0041', '\u0130', ' ', '=');
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit, maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 1, maxLength: 64 })), (s) => {
      assert.equal(looksEncoded(s, 'hex'), /^[0-9a-fA-F]+$/.test(s), JSON.stringify(s));
    }),
    { numRuns: 3000, seed: 3 },
  );
});

test('ISO timestamps in toISOString form: the same reading as the general parser (valid or not)', () => {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 }),
      fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 999 }),
      (y, mo, d, h, mi, s, ms) => {
        const canonical = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`;
        const general = parseIso(canonical.replace('Z', 'z'));
        assert.deepEqual(parseIso(canonical), general, canonical);
        assert.deepEqual(parseIso(canonical.replace('T', 't')), general, canonical);
        assert.deepEqual(parseIso(` ${canonical}\n`), general, 'trimmed first');
      },
    ),
    { numRuns: 3000, seed: 4 },
  );
  const now = Date.UTC(2026, 11, 7, 21, 41, 0, 123);
  assert.deepEqual(parsePayloadTime(new Date(now).toISOString()), { ok: true, epochMs: now, unit: 'iso', zoneMissing: false, numeric: null });
  for (const near of ['2026-12-07T21:41:00.12Z', '2026-12-07T21:41:00.1234Z', '2026-12-07T21:41:0x.123Z', '2026-12-07T21:41:00,123Z', '+02026-12-07T21:41:00.12Z']) {
    assert.deepEqual(parseIso(near), parseIso(near.replace('Z', 'z')), near);
  }
});
