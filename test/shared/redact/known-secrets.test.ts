/** The configured secrets' values are masked wherever they stand, in every part a redactor handles. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRedactor } from '../../../shared/redact';
import { MIN_KNOWN_SECRET_LENGTH } from '../../../shared/redact/known-secrets';

const SECRET = 'whk+Secret/9Zq=Lm';
const TOKEN = 'tok-4Kd9Pq2Ws7';
const MASK = `«redacted configured secret (${SECRET.length} chars)»`;
const redactor = createRedactor({ keys: [], detectors: ['email', 'phone', 'card'], secretValues: [SECRET, ` ${TOKEN}\n`, 'abc'] });
const none = (text: string) => !text.includes(SECRET) && !text.includes(encodeURIComponent(SECRET)) && !text.includes(TOKEN);

test('headers under any name, whole or inside a longer value', () => {
  const out = redactor.headers([['X-Whatever', SECRET], ['X-Trace', `a=${TOKEN}; b=1`], ['Content-Type', 'application/json']]);
  assert.deepEqual(out[0], ['X-Whatever', MASK]);
  assert.ok(none(out[1][1]) && out[1][1].startsWith('a=«redacted configured secret'));
  assert.deepEqual(out[2], ['Content-Type', 'application/json']);
});

test('query: a value, a parameter without a value, a name; percent-encoded or not', () => {
  for (const target of [`/h?x=${encodeURIComponent(SECRET)}`, `/h?${encodeURIComponent(SECRET)}`, `/h?${TOKEN}=1`, `/h/${TOKEN}`]) {
    const out = redactor.target(target);
    assert.ok(none(out), `${target} → ${out}`);
  }
});

test('bodies: JSON values and keys, form, text', () => {
  const json = redactor.body(JSON.stringify({ note: `is ${SECRET}`, [TOKEN]: 1, n: [SECRET] }), 'application/json');
  assert.ok(none(json), json);
  assert.doesNotThrow(() => JSON.parse(json), 'still JSON');
  const form = redactor.body(`a=${encodeURIComponent(SECRET)}&${TOKEN}`, 'application/x-www-form-urlencoded');
  assert.ok(none(form), form);
  const text = redactor.body(`line ${SECRET} and ${TOKEN}`, 'text/plain');
  assert.equal(text, `line ${MASK} and «redacted configured secret (${TOKEN.length} chars)»`);
});

test('values shorter than the minimum are not looked for (they would mask ordinary words); nothing configured changes nothing', () => {
  assert.ok(MIN_KNOWN_SECRET_LENGTH > 'abc'.length);
  assert.equal(redactor.text('abc def'), 'abc def');
  const plain = createRedactor({ keys: [], detectors: [] });
  assert.equal(plain.text(`x ${SECRET}`), `x ${SECRET}`);
});
