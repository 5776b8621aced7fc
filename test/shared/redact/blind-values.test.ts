import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
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

/** the regex form the scanner in blind-values.ts replaced: what every phone value was indexed by before */
function phonesByRegex(text: string): string[] {
  const out = new Set<string>();
  const add = (digits: string, international: boolean): void => {
    const n = digits.length;
    if (international) {
      if (n >= 8 && n <= 15) out.add(digits);
      return;
    }
    if (digits.startsWith('00') && n - 2 >= 8 && n - 2 <= 15) out.add(digits.slice(2));
    if (n < 10 || n > 15) return;
    out.add(digits);
    if (n === 10 && digits[0] !== '0' && digits[0] !== '1') out.add(`1${digits}`);
  };
  for (const m of text.matchAll(/(?<![A-Za-z\d])\+?\d+(?:[ ().-]{1,3}\d+)*/g)) {
    const groups = m[0].match(/\d+/g) ?? [];
    for (let i = 0; i < groups.length; i++) {
      let digits = '';
      for (let j = i; j < groups.length && j < i + 6; j++) {
        digits += groups[j];
        if (digits.length > 17) break;
        if (digits.length >= 8) add(digits, m[0].startsWith('+') && i === 0);
      }
    }
  }
  return [...out];
}

describe('the phone scan', () => {
  test('finds exactly what the regex found, in the same order', () => {
    // digits, every separator, '+', letters and what sits around numbers in JSON, queries and headers
    const char = fc.constantFrom(...'0123456789012345678900 ().-+aZ_"x:,\n\t/'.split(''));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 80 }).map((cs) => cs.join('')), (text) => {
        // no '@', '%' or '\\u': extractBlindValues then scans the text once, for phones only
        assert.deepEqual(extractBlindValues(text), phonesByRegex(text));
      }),
      { numRuns: 3000 },
    );
  });

  test('long numbers, many groups and separators at the ends', () => {
    for (const text of [
      '+1 (415) 555-0100', '+14155550100', 'a+14155550100', '1+4155550100xyz', '(415) 555-0100', '0044 20 7946 0958',
      '+44 20 7946 0958 and 020 7946 0958', '1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7', '12345678901234567890', '415....555-0100',
      '415 - 555 - 0100', '+1-415-555-0100-', '(415)555-0100)', '+', '+ 14155550100', '2024-01-15T10:20:30.123Z', 'x4155550100',
    ]) {
      assert.deepEqual(extractBlindValues(text), phonesByRegex(text), text);
    }
  });
});

describe('extractBlindValues over lines', () => {
  test('the same values, in the same order, as over the lines joined', () => {
    // what changes a scan: '%' and '+' (decoded variants of every line), '\\u' escapes, '@', digits, separators
    const char = fc.constantFrom(...'0123456789 +-.()@%2B40\\u0040ab.com_x'.split(''), '%40', '\\u0040', '%2B', 'a@b.co', '+1415');
    const line = fc.array(char, { maxLength: 30 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), (lines) => {
        assert.deepEqual(extractBlindValues(lines), extractBlindValues(lines.join('\n')));
      }),
      { numRuns: 3000 },
    );
  });

  test('a line with something to decode decodes every line', () => {
    // "+0044 20 7946 0958" read with its '+' as a form-encoded space also gives the number without 00
    const lines = ['to=%2B1', '+0044 20 7946 0958'];
    assert.ok(extractBlindValues(lines).includes('442079460958'));
    assert.deepEqual(extractBlindValues(lines), extractBlindValues(lines.join('\n')));
  });
});
