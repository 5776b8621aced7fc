/** Check results as compact codes: what the journal keeps, and what the deriver reads back. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckResult } from '../../../../shared/checks';
import { decodeChecks, encodeChecks } from '../../../../electron/core/ingest/check-codes';

const check = (id: CheckResult['id'], outcome: CheckResult['outcome'], code: string, detail: Record<string, unknown> = {}): CheckResult =>
  ({ id, outcome, code, summary: 'not kept', detail, diagnosis: [] });

test('codes keep id, outcome, code and the finite numbers of safe names; text evidence is left out', () => {
  const checks = [
    check('transport', 'warn', 'plain_http', { viaTunnel: false, protocol: 'http' }),
    check('source-ip', 'skip', 'no_allowlist', { clientIp: '127.0.0.1' }),
    check('rate-limit', 'pass', 'ok', { count: 3, max: 5, windowSeconds: 60, clientIp: '127.0.0.1' }),
    check('auth-token', 'skip', 'skipped'),
    check('signature', 'fail', 'no_matching_signature', { secretsTried: 2, received: ['ab…'] }),
    check('timestamp', 'fail', 'too_old', { skewSeconds: -400, toleranceSeconds: 300, nan: Number.NaN, 'bad-name': 1, ['x'.repeat(40)]: 2 }),
    check('duplicate', 'skip', 'depends_on_signature'),
    check('payload', 'pass', 'Not A Code!', { bytes: 1024 }),
  ];
  const codes = encodeChecks(checks);
  assert.equal(codes, 'wplain_http|sno_allowlist|pok count=3,max=5,windowSeconds=60|sskipped|fno_matching_signature secretsTried=2|ftoo_old skewSeconds=-400,toleranceSeconds=300|sdepends_on_signature|pother bytes=1024');
  // the same input again (names and codes now seen before) encodes the same
  assert.equal(encodeChecks(checks), codes);
  assert.deepEqual(decodeChecks(codes)[2], { id: 'rate-limit', outcome: 'pass', code: 'ok', numbers: { count: 3, max: 5, windowSeconds: 60 } });
  assert.deepEqual(decodeChecks(codes)[5].numbers, { skewSeconds: -400, toleranceSeconds: 300 });
});

test('a check out of chain order carries its id', () => {
  const codes = encodeChecks([check('payload', 'fail', 'unmatched_path')]);
  assert.equal(codes, 'fpayload:unmatched_path');
  assert.deepEqual(decodeChecks(codes), [{ id: 'payload', outcome: 'fail', code: 'unmatched_path', numbers: {} }]);
});
