import { test } from 'node:test';
import assert from 'node:assert/strict';
import { respondValue } from '../../../../electron/core/cli/respond-flag';

test('--respond: short specs and JSON become source.respond; mistakes name the flag and the field', () => {
  assert.deepEqual(respondValue('ack'), { mode: 'ack' });
  assert.deepEqual(respondValue('relay'), { mode: 'relay', timeoutMs: 5000 });
  assert.deepEqual(respondValue('relay:2000'), { mode: 'relay', timeoutMs: 2000 });
  assert.deepEqual(respondValue('status:500'), { mode: 'status', status: 500, delayMs: 0 });
  assert.deepEqual(respondValue('status:503:1500'), { mode: 'status', status: 503, delayMs: 1500 });
  assert.deepEqual(respondValue('sequence:500,500,200'), { mode: 'sequence', statuses: [500, 500, 200] });
  assert.deepEqual(respondValue('timeout:31000'), { mode: 'timeout', delayMs: 31000 });
  assert.deepEqual(respondValue('{"mode":"status","status":429}'), { mode: 'status', status: 429, delayMs: 0 });
  assert.throws(() => respondValue('status:abc'), /^UsageError: --respond "status:abc": status must be an HTTP status code/);
  assert.throws(() => respondValue('sequence:'), /--respond "sequence:": statuses must list at least one status/);
  assert.throws(() => respondValue('teapot'), /--respond "teapot": mode must be one of ack, relay, status, sequence, timeout/);
  assert.throws(() => respondValue('{nope'), /--respond: "\{nope" is not valid JSON/);
});
