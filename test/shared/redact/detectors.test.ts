import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { detectorSet, findEmails, luhnValid, redactText } from '../../../shared/redact';

const all = detectorSet(['email', 'phone', 'card']);
const red = (text: string): string => redactText(text, all);

describe('e-mail detector', () => {
  test('masks addresses and keeps the domain as the hint', () => {
    assert.equal(red('write to Alice.Smith+tag@Example.co.uk today'), 'write to «email @example.co.uk» today');
    assert.equal(red('a@b.io,c@d.org'), '«email @b.io»,«email @d.org»');
  });

  test('leaves things that only look like addresses', () => {
    assert.equal(red('user@localhost and @handle and a@b'), 'user@localhost and @handle and a@b');
  });

  test('stays linear on a hostile run of local-part characters', () => {
    const hostile = `${'a'.repeat(200_000)}@`;
    assert.deepEqual(findEmails(hostile), []);
  });
});

describe('phone detector', () => {
  const phones: Array<[string, string]> = [
    ['+1 (415) 555-0100', '«phone …00»'],
    ['+14155550100', '«phone …00»'],
    ['(415) 555-0100', '«phone …00»'],
    ['415-555-0100', '«phone …00»'],
    ['415.555.0100', '«phone …00»'],
    ['1-415-555-0100', '«phone …00»'],
    ['+44 20 7946 0958', '«phone …58»'],
    ['020 7946 0958', '«phone …58»'],
    ['07700 900123', '«phone …23»'],
    ['+49 30 12345678', '«phone …78»'],
  ];
  for (const [input, expected] of phones) {
    test(`masks ${input}`, () => assert.equal(red(`call ${input} now`), `call ${expected} now`));
  }

  test('masks bare digits only in a phone-like context', () => {
    assert.equal(red('my phone: 14155550100'), 'my phone: «phone …00»');
    assert.equal(red('MobileNumber=447700900123'), 'MobileNumber=«phone …23»');
    assert.equal(red('order 14155550100 shipped'), 'order 14155550100 shipped');
  });

  test('leaves timestamps, ids, amounts, dates and addresses alone', () => {
    const keep = [
      'ts 1732270000123 and 1732270000',
      'amount 4155550100 cents',
      'id 12345678901234567890',
      '2024-01-15T10:30:00Z and 2024-01-15 10:30',
      'ip 203.0.113.10 and 10.0.0.1',
      'uuid 72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'version 1.2.3 and 15.04',
      'hex sha256=3f9a1c4155550100abcdef',
    ];
    for (const text of keep) assert.equal(red(text), text, text);
  });
});

describe('card detector', () => {
  test('masks Luhn-valid card numbers to the last four', () => {
    assert.equal(red('card 4242424242424242 ok'), 'card «card …4242» ok');
    assert.equal(red('card 4242 4242 4242 4242 ok'), 'card «card …4242» ok');
    assert.equal(red('amex 3782-822463-10005'), 'amex «card …0005»');
    assert.equal(red('visa 4242 4242 4242 4242 12 units'), 'visa «card …4242» 12 units');
  });

  test('leaves Luhn-invalid numbers and millisecond timestamps', () => {
    assert.equal(luhnValid('4242424242424241'), false);
    assert.equal(red('card 4242424242424241'), 'card 4242424242424241');
    // 1732270000123 starts with 1: no card brand does; a ms timestamp must survive
    assert.equal(red('at 1732270000123 ms'), 'at 1732270000123 ms');
  });

  test('a detector that is switched off does nothing', () => {
    const onlyEmail = detectorSet(['email']);
    assert.equal(redactText('4242424242424242 +14155550100 a@b.io', onlyEmail), '4242424242424242 +14155550100 «email @b.io»');
  });
});
