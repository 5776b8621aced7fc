import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRedactor } from '../../../shared/redact';

const redactor = createRedactor({ keys: ['phoneNumber', 'email', 'transcript'], detectors: ['email', 'phone', 'card'] });

test('credential fields in JSON and form bodies are masked, like the same query parameters', () => {
  const json = redactor.body('{"api_secret":"s3cr3t-value","password":"hunter2hunter2","sig":"0a1b2c3d4e","token":"xoxb-123","key":"ordinary","amount":42}', 'application/json');
  for (const leaked of ['s3cr3t-value', 'hunter2hunter2', '0a1b2c3d4e', 'xoxb-123']) assert.ok(!json.includes(leaked), `${leaked} masked in ${json}`);
  assert.match(json, /"key":"ordinary"/);
  assert.match(json, /"amount":42/);
  const form = redactor.body('msisdn=447700900000&text=hi&sig=0a1b2c3d4e5f&api_key=abcd1234', 'application/x-www-form-urlencoded');
  assert.ok(!form.includes('0a1b2c3d4e5f') && !form.includes('abcd1234'), form);
  assert.match(form, /text=hi/);
});

test('credential formats made of letters only are masked in JSON strings and keys too (the gate for digit-free text lets them through)', () => {
  const akia = 'AKIAQWERTYUIOPASDFGH';
  const google = `AIza${'QwErTyUiOpAsDfGhJkLzXcVbNmQwErTyUiO'}`;
  const json = redactor.body(JSON.stringify({ aws_access_key_id: akia, note: `key ${google} here`, [akia]: 'as a key' }), 'application/json');
  for (const leaked of [akia, google]) assert.ok(!json.includes(leaked), `${leaked} masked in ${json}`);
  assert.match(json, /"aws_access_key_id":/);
});
