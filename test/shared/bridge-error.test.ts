import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bridgeErrorMessage, parseBridgeError } from '../../shared/bridge-error';

test('the code travels in the message and comes back out', () => {
  const message = bridgeErrorMessage('not_found', 'No delivery d1: it may have been purged.');
  assert.equal(message, '[not_found] No delivery d1: it may have been purged.');
  assert.deepEqual(parseBridgeError(new Error(message)), { code: 'not_found', message: 'No delivery d1: it may have been purged.' });
});

test('an own code property wins; unknown shapes are internal', () => {
  const withCode = Object.assign(new Error('[x] text'), { code: 'forbidden_sender' });
  assert.deepEqual(parseBridgeError(withCode), { code: 'forbidden_sender', message: 'text' });
  assert.deepEqual(parseBridgeError(new Error('plain failure')), { code: 'internal', message: 'plain failure' });
  assert.deepEqual(parseBridgeError('weird'), { code: 'internal', message: 'weird' });
});
