import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIso, parsePayloadTime, parseUnixSeconds } from '../../../../shared/verify/support/time';

test('ISO 8601: zones, offsets, fractions; zone-less read as UTC and flagged', () => {
  assert.deepEqual(parseIso('2026-01-15T12:00:00Z'), { ok: true, epochMs: Date.UTC(2026, 0, 15, 12), unit: 'iso', zoneMissing: false, numeric: null });
  const offset = parseIso('2026-01-15T14:30:00+02:30');
  assert.ok(offset.ok && offset.epochMs === Date.UTC(2026, 0, 15, 12));
  const frac = parseIso('2026-01-15T12:00:00.250-0100');
  assert.ok(frac.ok && frac.epochMs === Date.UTC(2026, 0, 15, 13, 0, 0, 250));
  const local = parseIso('2026-01-15 12:00:00');
  assert.ok(local.ok && local.zoneMissing && local.epochMs === Date.UTC(2026, 0, 15, 12));
});

test('ISO 8601: impossible dates and junk are refused', () => {
  for (const bad of ['2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01', 'yesterday', '2026-01-01T00:00:00+25:00', '']) {
    assert.equal(parseIso(bad).ok, false, bad);
  }
});

test('unix seconds: integers only; payload values may be numbers, digit strings or ISO', () => {
  assert.deepEqual(parseUnixSeconds('1531420618'), { ok: true, epochMs: 1531420618000, unit: 'seconds', zoneMissing: false, numeric: 1531420618 });
  for (const bad of ['1.5', '12:00', '', '1e9', '99999999999999999999']) assert.equal(parseUnixSeconds(bad).ok, false, bad);
  assert.equal(parsePayloadTime(1700000000).ok, true);
  assert.equal(parsePayloadTime('1700000000').ok, true);
  assert.equal(parsePayloadTime('2026-01-15T12:00:00Z').ok, true);
  assert.equal(parsePayloadTime(null).ok, false);
  assert.equal(parsePayloadTime(Number.NaN).ok, false);
});
