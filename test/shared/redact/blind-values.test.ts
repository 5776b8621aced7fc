import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractBlindValues, normalizeErasureValue } from '../../../shared/redact';

describe('extractBlindValues', () => {
  test('phone formats normalise to the same digits, country code kept', () => {
    for (const text of ['+1 (415) 555-0100', '14155550100', '(415) 555-0100', '415.555.0100', '"to":"+14155550100"', 'from=%2B14155550100']) {
      assert.ok(extractBlindValues(text).includes('14155550100'), text);
    }
    assert.ok(extractBlindValues('+44 20 7946 0958').includes('442079460958'));
    assert.ok(extractBlindValues('0044 20 7946 0958').includes('442079460958'));
  });

  test('e-mails are lower-cased, also when percent- or unicode-escaped', () => {
    assert.ok(extractBlindValues('x Alice.Smith@Example.COM y').includes('alice.smith@example.com'));
    assert.ok(extractBlindValues('email=alice%40example.com').includes('alice@example.com'));
    assert.ok(extractBlindValues('{"e":"alice\\u0040example.com"}').includes('alice@example.com'));
  });

  test('short numbers are not indexed', () => {
    assert.deepEqual(extractBlindValues('{"n": 12345, "d": "2024-01-15"}'), []);
  });
});

describe('normalizeErasureValue', () => {
  test('every format of one number meets what the index holds', () => {
    const indexed = new Set(extractBlindValues('the caller was 14155550100'));
    for (const v of ['+1 (415) 555-0100', '14155550100', '4155550100', '415-555-0100']) {
      const q = normalizeErasureValue(v);
      assert.equal(q?.kind, 'phone', v);
      assert.ok(q?.values.some((x) => indexed.has(x)), v);
    }
  });

  test('an international number also matches its national trunk-0 form', () => {
    const indexed = new Set(extractBlindValues('ring 020 7946 0958'));
    const q = normalizeErasureValue('+44 20 7946 0958');
    assert.deepEqual(q, { kind: 'phone', values: ['442079460958', '02079460958'] });
    assert.ok(q.values.some((x) => indexed.has(x)));
  });

  test('e-mail, and refusals', () => {
    assert.deepEqual(normalizeErasureValue(' Bob@Example.com '), { kind: 'email', values: ['bob@example.com'] });
    assert.equal(normalizeErasureValue('bob'), null);
    assert.equal(normalizeErasureValue('555-0100'), null);
    assert.equal(normalizeErasureValue('not@valid'), null);
  });
});
