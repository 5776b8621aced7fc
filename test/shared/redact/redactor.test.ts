import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../../../shared/config';
import { createRedactor } from '../../../shared/redact';

const r = createRedactor(defaultConfig().redaction);

describe('JSON bodies', () => {
  test('configured keys at any depth, case-insensitive, whole value masked', () => {
    const body = JSON.stringify({
      event: 'call.completed',
      data: {
        PhoneNumber: '+1 (415) 555-0100',
        nested: { EMAIL: 'Bob@Example.com', transcript: [{ speaker: 'agent', text: 'hello there' }] },
        phone_number: 14155550100,
      },
    });
    const out = JSON.parse(r.body(body, 'application/json')) as { data: Record<string, unknown> & { nested: Record<string, unknown> } };
    assert.equal(out.data.PhoneNumber, '«phone …00»');
    assert.equal(out.data.nested.EMAIL, '«email @example.com»');
    assert.equal(out.data.nested.transcript, '«redacted transcript»');
    assert.equal(out.data.phone_number, '«phone …00»');
  });

  test('keeps every other byte as sent: whitespace, key order, big numbers, escapes', () => {
    const body = '{ "id": 12345678901234567890,\n  "b": "x\\u00e9", "email" : "a@b.io", "a": [1, 2.50] }';
    assert.equal(
      r.body(body, 'application/json'),
      '{ "id": 12345678901234567890,\n  "b": "x\\u00e9", "email" : "«email @b.io»", "a": [1, 2.50] }',
    );
  });

  test('detectors run inside string values and on numbers in phone-named fields', () => {
    const body = '{"note":"reach me at 415-555-0100 or bob@corp.io","from":"447700900000","to":447700900001,"card":4242424242424242,"ts":1732270000123}';
    assert.equal(
      r.body(body, null),
      '{"note":"reach me at «phone …00» or «email @corp.io»","from":"«phone …00»","to":"«phone …01»","card":"«card …4242»","ts":1732270000123}',
    );
  });

  test('escaped characters cannot hide an address', () => {
    const out = r.body('{"note":"alice\\u0040example.com"}', 'application/json');
    assert.equal(out, '{"note":"«email @example.com»"}');
  });

  test('broken and truncated JSON still has configured keys and detected values masked', () => {
    const broken = '{"transcript": "I want to cancel", "email": "a@b.io", "x": +1 415 555 0100, "more": {"transcript": ["unterminated';
    const out = r.body(broken, 'application/json');
    assert.ok(!out.includes('cancel'), out);
    assert.ok(!out.includes('a@b.io'), out);
    assert.ok(!out.includes('555'), out);
    assert.ok(!out.includes('unterminated'), out);
  });
});

describe('form bodies and query strings', () => {
  test('form fields: configured keys, phone-named fields and detectors; other fields verbatim', () => {
    const body = 'msisdn=447700900001&to=447700900000&text=Call+me+on+%2B14155550100&email=bob%40x.com&messageId=0A0000000123ABCD1&type=text';
    assert.equal(
      r.body(body, 'application/x-www-form-urlencoded'),
      'msisdn=«phone+…01»&to=«phone+…00»&text=Call+me+on+«phone+…00»&email=«email+@x.com»&messageId=0A0000000123ABCD1&type=text',
    );
  });

  test('a JSON payload inside a form field is redacted as JSON', () => {
    const body = `payload=${encodeURIComponent('{"user":{"email":"a@b.io","name":"x"}}')}`;
    const out = decodeURIComponent(r.body(body, 'application/x-www-form-urlencoded').slice('payload='.length).replace(/\+/g, ' '));
    assert.equal(out, '{"user":{"email":"«email @b.io»","name":"x"}}');
  });

  test('credential query parameters are masked in a target, others kept', () => {
    assert.equal(
      r.target('/hooks/vonage-sms?msisdn=447700900001&sig=abcdef0123&api_secret=s3cr3t&timestamp=1732270000&TOKEN=t0k'),
      '/hooks/vonage-sms?msisdn=«phone+…01»&sig=«redacted»&api_secret=«redacted»&timestamp=1732270000&TOKEN=«redacted»',
    );
    assert.equal(r.target('/hooks/stripe'), '/hooks/stripe');
  });
});

describe('text bodies', () => {
  test('plain text runs the detectors', () => {
    assert.equal(r.body('Caller +1 415 555 0100 <a@b.io>', 'text/plain'), 'Caller «phone …00» <«email @b.io»>');
  });

  test('XML elements named like configured keys are masked', () => {
    assert.equal(
      r.body('<call><Transcript>secret words</Transcript><id>7</id></call>', 'application/xml'),
      '<call><Transcript>«redacted Transcript»</Transcript><id>7</id></call>',
    );
  });
});

describe('headers', () => {
  test('credentials masked, signatures reduced to a prefix and length, others kept', () => {
    const sig = '3f9a1c'.padEnd(64, '0');
    const out = r.headers([
      ['Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig'],
      ['Proxy-Authorization', 'Basic dXNlcjpwYXNz'],
      ['Cookie', 'session=abc'],
      ['Set-Cookie', 'id=1; HttpOnly'],
      ['X-Auth-Token', 'tok_123'],
      ['X-Hub-Signature-256', `sha256=${sig}`],
      ['X-BlackBox-Signature', sig],
      ['Stripe-Signature', 't=1533204620,v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7'],
      ['X-Shopify-Hmac-Sha256', 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g='],
      ['X-Twilio-Signature', 'RSOYDt4T1cUTdK1PDd93/VVr8B8='],
      ['svix-signature', 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4='],
      ['User-Agent', 'GitHub-Hookshot/abc'],
      ['X-Caller', '+14155550100'],
    ]);
    assert.deepEqual(out, [
      ['Authorization', 'Bearer «redacted (28 chars)»'],
      ['Proxy-Authorization', 'Basic «redacted (12 chars)»'],
      ['Cookie', '«redacted (11 chars)»'],
      ['Set-Cookie', '«redacted (14 chars)»'],
      ['X-Auth-Token', '«redacted (7 chars)»'],
      ['X-Hub-Signature-256', '«sig sha256=3f9a1c… (71 chars)»'],
      ['X-BlackBox-Signature', '«sig 3f9a1c… (64 chars)»'],
      ['Stripe-Signature', '«sig t=1533204620,v1=2220f8… (80 chars)»'],
      ['X-Shopify-Hmac-Sha256', '«sig B23tXN… (44 chars)»'],
      ['X-Twilio-Signature', '«sig RSOYDt… (28 chars)»'],
      ['svix-signature', '«sig v1,K5oZfz… (47 chars)»'],
      ['User-Agent', 'GitHub-Hookshot/abc'],
      ['X-Caller', '«phone …00»'],
    ]);
  });
});

describe('configuration', () => {
  test('configured keys and detectors follow the config', () => {
    const custom = createRedactor({ keys: ['ssn'], detectors: [] });
    assert.equal(custom.body('{"SSN":"078-05-1120","email":"a@b.io"}', null), '{"SSN":"«redacted SSN»","email":"a@b.io"}');
  });
});
