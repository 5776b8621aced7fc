/** Issue 13: credential names the way secret scanners see them, and the documented allowlist. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALLOWED_CREDENTIAL_NAMES, isCredentialName } from '../../../shared/redact/credential-names';
import { redactCredentials } from '../../../shared/redact/credential-values';

const CREDENTIALS = [
  'private_key', 'privateKey', 'PRIVATE-KEY', 'api_key', 'apiKey', 'apikey', 'APIKEY', 'x-api-key', 'access_key', 'secret_access_key',
  'client_secret', 'clientSecret', 'secrets', 'password', 'dbPassword', 'password_hash', 'passwd', 'pwd', 'passphrase',
  'token', 'access_token', 'refreshToken', 'id_token', 'sessionToken', 'credential', 'gcpCredentials', 'auth', 'authorization',
  'authToken', 'auth_header', 'signature', 'webhookSignature', 'sig', 'session', 'cookie', 'set_cookies', 'ssn', 'customer_ssn',
  'iban', 'pin', 'card_pin', 'signing_key', 'encryptionKey', 'HMAC_KEY',
];
const HARMLESS = [
  'key', 'idempotency_key', 'IdempotencyKey', 'key_id', 'keyId', 'public_key', 'publishableKey', 'primary_key', 'token_type',
  'total_tokens', 'max_tokens', 'session_id', 'sessionId', 'author', 'authorId', 'authored_at', 'monkey', 'keyboard', 'pinned',
  'shipping', 'spin', 'event', 'callId', 'transcript', 'keys', 'tokenizer', 'signed_at',
];

test('names that hold credentials are recognised, in any case and with any separator', () => {
  assert.ok(CREDENTIALS.length >= 40);
  assert.deepEqual(CREDENTIALS.filter((n) => !isCredentialName(n)), []);
});

test('harmless names, the allowlist among them, are left alone', () => {
  assert.deepEqual(HARMLESS.filter((n) => isCredentialName(n)), []);
  for (const allowed of ALLOWED_CREDENTIAL_NAMES) assert.equal(isCredentialName(allowed), false, allowed);
});

test('token formats are masked whole in any text, PEM blocks with real or escaped newlines, cut-off ones too', () => {
  const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1x7Yq\n-----END RSA PRIVATE KEY-----';
  const cases: Array<[string, string]> = [
    [`key: ${pem} end`, 'pem'],
    [pem.replace(/\n/g, '\\n'), 'pem'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU', 'pem'],
    ['Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'jwt'],
    ['sk_live_51H8xYzAbCdEfGh12345678', 'stripe key'],
    ['ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R', 'github token'],
    ['xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'slack token'],
    ['xoxp-123456789012-1234567890123', 'slack token'],
    ['AKIAIOSFODNN7EXAMPLE', 'aws access key'],
  ];
  for (const [text, kind] of cases) {
    const out = redactCredentials(text);
    assert.match(out, new RegExp(`«redacted ${kind} \\(\\d+ chars\\)»`), text);
    assert.ok(!/MIIE|b3Blbn|eyJzdWIi|51H8xYz|1a2B3c|123456789012|IOSFODNN/.test(out), out);
  }
  assert.equal(redactCredentials('plain text, sk_live_ alone, eyJ alone, AKIA12'), 'plain text, sk_live_ alone, eyJ alone, AKIA12');
});

test('an unterminated PEM marker repeated many times is one linear scan', () => {
  const hostile = '-----BEGIN X-----'.repeat(20_000);
  const started = process.hrtime.bigint();
  const out = redactCredentials(hostile);
  assert.match(out, /^«redacted pem \(340000 chars\)»$/);
  // behaviour, not speed: bounded so a quadratic scan would fail loudly rather than hang the suite
  assert.ok(process.hrtime.bigint() - started < 10_000_000_000n);
});
