/** The JSON scanner's string step (json-body.ts): where a string ends, and whether a detector could match in it. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { defaultConfig } from '../../../shared/config';
import { createRedactor } from '../../../shared/redact';
import { detectable, scanString } from '../../../shared/redact/json-body';

/** the char-by-char scan it replaced: an escape takes the next character along, the first other quote ends the string */
function byChar(text: string, i: number): { end: number; inside: number; worth: boolean } {
  let worth = false;
  for (let j = i + 1; j < text.length; ) {
    const c = text.charCodeAt(j);
    if (c === 92) {
      worth = true;
      j += 2;
    } else if (c === 34) {
      return { end: j + 1, inside: j, worth };
    } else {
      if ((c >= 48 && c <= 57) || c === 64) worth = true;
      j++;
    }
  }
  return { end: text.length, inside: text.length, worth };
}

describe('JSON string scan', () => {
  test('ends every string where the char-by-char scan did, with the same answer on detectors', () => {
    const text = fc.array(fc.constantFrom(...'"\\\\\\"ab1@ {}:,'.split(''), '\\"', '\\\\'), { maxLength: 40 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, (t) => {
        for (let i = 0; i < t.length; i++) {
          if (t[i] !== '"') continue;
          const ref = byChar(t, i);
          const end = scanString(t, i);
          assert.equal(end, ref.end, `end of the string at ${i} in ${JSON.stringify(t)}`);
          assert.equal(detectable(t, i + 1, ref.inside), ref.worth, `detectors in the string at ${i} in ${JSON.stringify(t)}`);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('escaped quotes, backslash runs and unterminated strings redact as before', () => {
    const r = createRedactor(defaultConfig().redaction);
    assert.equal(r.json('{"a":"x\\\\","phone":"+1 415 555 0100"}'), '{"a":"x\\\\","phone":"«phone …00»"}');
    assert.equal(r.json('{"a":"say \\"+1 415 555 0100\\" now"}'), '{"a":"say \\"«phone …00»\\" now"}');
    assert.equal(r.json('{"transcript":"a \\" b","n":"x"}'), '{"transcript":"«redacted transcript»","n":"x"}');
    // cut off inside a string: still masked
    assert.match(r.json('{"note":"call +1 415 555 0100'), /«phone …00»/);
  });
});
