import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckResult } from '../../shared/checks';
import { readSkew } from '../../renderer/src/lib/timestamp-skew';

const check = (code: string, detail: Record<string, unknown>): CheckResult => ({ id: 'timestamp', outcome: code === 'ok' ? 'pass' : 'fail', code, summary: '', detail, diagnosis: [] });

test('skewSeconds (receipt − timestamp) becomes an offset from receipt: old is negative', () => {
  assert.deepEqual(readSkew(check('too_old', { skewSeconds: 7200, toleranceSeconds: 300 }), '2026-01-01T00:00:00Z'), { offset: -7200, tolerance: 300 });
  assert.deepEqual(readSkew(check('too_new', { skewSeconds: -600, toleranceSeconds: 300 }), '2026-01-01T00:00:00Z'), { offset: 600, tolerance: 300 });
  assert.deepEqual(readSkew(check('ok', { skewSeconds: 3, toleranceSeconds: 300 }), '2026-01-01T00:00:00Z'), { offset: -3, tolerance: 300 });
});

test('without skewSeconds the parsed timestamp and the receipt time give the offset', () => {
  assert.deepEqual(readSkew(check('too_old', { parsed: '2026-01-01T00:00:00Z', toleranceSeconds: 60 }), '2026-01-01T00:10:00Z'), { offset: -600, tolerance: 60 });
  assert.equal(readSkew(check('missing_timestamp', { toleranceSeconds: 60 }), '2026-01-01T00:10:00Z'), null);
});
