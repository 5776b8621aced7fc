import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excerpt, mapNgrokError } from '../../../../electron/core/tunnel/ngrok-errors';

const TOKEN = '2abcDEFghiJKLmnoPQRstu_3vwxYZ0123456789abcdefg';
const context = { authtoken: TOKEN, domain: 'hooks.example.com' };
const map = (message: string, errorCode: string | null = null) => mapNgrokError({ message, errorCode }, context);

test('invalid authtoken codes → permanent, "copy it again"', () => {
  for (const code of [105, 106, 107, 300, 4018]) {
    const message = `failed to connect session: authentication failed: The authtoken you specified is properly formed, but it is invalid.\nYour authtoken: ${TOKEN}\n\nERR_NGROK_${code}`;
    const error = map(message, `ERR_NGROK_${code}`);
    assert.equal(error.code, 'invalid_authtoken', `ERR_NGROK_${code}`);
    assert.equal(error.permanent, true);
    assert.equal(error.message, 'ngrok rejected the authtoken: copy it again from your ngrok dashboard into Settings → Tunnel → ngrok authtoken');
  }
  // the code only in the text (errorCode not populated)
  assert.equal(map(`authentication failed\n\nerror_code: ERR_NGROK_105`).code, 'invalid_authtoken');
});

test('domain errors → permanent, name the domain and what to do', () => {
  for (const code of ['ERR_NGROK_319', 'ERR_NGROK_320', 'ERR_NGROK_7118']) {
    const error = map(`failed to start listener: You must reserve a custom hostname ... error_code: ${code}`, code);
    assert.equal(error.code, 'domain_not_reserved');
    assert.equal(error.permanent, true);
    assert.equal(error.message, 'The domain hooks.example.com is not reserved on your ngrok account: reserve it or leave the domain empty');
  }
  const plan = map('Only paid plans may create endpoints with custom hostnames', 'ERR_NGROK_314');
  assert.deepEqual([plan.code, plan.permanent], ['domain_not_allowed', true]);
  assert.equal(plan.message, 'Your ngrok plan cannot use the domain hooks.example.com: upgrade the plan or leave the domain empty');
});

test('busy domain and session limits are transient (the other session may go away)', () => {
  const inUse = map('The endpoint https://hooks.example.com is already online.', 'ERR_NGROK_334');
  assert.deepEqual([inUse.code, inUse.permanent], ['domain_in_use', false]);
  assert.match(inUse.message, /hooks\.example\.com is already online in another ngrok session: stop the other ngrok agent/);
  const limit = map('Your account is limited to 1 simultaneous ngrok agent sessions.', 'ERR_NGROK_108');
  assert.deepEqual([limit.code, limit.permanent], ['session_limit', false]);
});

test('network failures (as the SDK words them) → transient "Cannot reach ngrok"', () => {
  for (const message of [
    'failed to connect session: failed to establish tcp connection',
    'failed to connect session: tls handshake error',
    'failed to connect session: failed to lookup address information: Temporary failure in name resolution',
    'failed to connect session: Connection refused (os error 111)',
  ]) {
    const error = map(message);
    assert.equal(error.code, 'unreachable', message);
    assert.equal(error.permanent, false);
    assert.equal(error.message, 'Cannot reach ngrok: check your internet connection or proxy');
  }
});

test('unknown errors: transient, a short redacted excerpt, never the authtoken', () => {
  const unknownCode = map(`something new\nYour authtoken: ${TOKEN}`, 'ERR_NGROK_9999');
  assert.equal(unknownCode.message, 'ngrok failed (ERR_NGROK_9999): check status.ngrok.com or your ngrok dashboard');
  assert.equal(unknownCode.permanent, false);
  const unknown = map(`weird failure while using ${TOKEN} for a session`);
  assert.equal(unknown.code, 'failed');
  assert.ok(!unknown.message.includes(TOKEN));
  assert.match(unknown.message, /weird failure while using «authtoken» for a session/);
  assert.equal(excerpt(`first line\nYour authtoken: ${TOKEN}`, TOKEN), 'first line');
  assert.equal(excerpt('authtoken: abc123 rejected', ''), 'authtoken: «authtoken» rejected');
  assert.equal(excerpt('x'.repeat(300), TOKEN).length, 120);
  assert.equal(excerpt('', TOKEN), 'unknown error');
});
