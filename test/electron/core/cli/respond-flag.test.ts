import { test } from 'node:test';
import assert from 'node:assert/strict';
import { respondValue } from '../../../../electron/core/cli/respond-flag';

test('--respond: short specs and JSON become source.respond; mistakes name the flag and the field', async () => {
  assert.deepEqual(await respondValue('ack'), { mode: 'ack' });
  assert.deepEqual(await respondValue('relay'), { mode: 'relay', timeoutMs: 5000 });
  assert.deepEqual(await respondValue('relay:2000'), { mode: 'relay', timeoutMs: 2000 });
  assert.deepEqual(await respondValue('status:500'), { mode: 'status', status: 500, delayMs: 0 });
  assert.deepEqual(await respondValue('status:503:1500'), { mode: 'status', status: 503, delayMs: 1500 });
  assert.deepEqual(await respondValue('sequence:500,500,200'), { mode: 'sequence', statuses: [500, 500, 200] });
  assert.deepEqual(await respondValue('timeout:31000'), { mode: 'timeout', delayMs: 31000 });
  assert.deepEqual(await respondValue('{"mode":"status","status":429}'), { mode: 'status', status: 429, delayMs: 0 });
  await assert.rejects(() => respondValue('status:abc'), /^UsageError: --respond "status:abc": status must be an HTTP status code/);
  await assert.rejects(() => respondValue('sequence:'), /--respond "sequence:": statuses must list at least one status/);
  await assert.rejects(() => respondValue('teapot'), /--respond "teapot": mode must be one of ack, relay, status, sequence, timeout/);
  await assert.rejects(() => respondValue('{nope'), /--respond: "\{nope" is not valid JSON/);
});
