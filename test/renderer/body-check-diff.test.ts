import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBody, lineColumn } from '../../renderer/src/lib/body-check';
import { lineDiff } from '../../renderer/src/lib/line-diff';

describe('checkBody', () => {
  test('invalid JSON names line and column', () => {
    const r = checkBody('{\n  "a": 1,\n  "b": tru\n}', 'application/json');
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.line, 3);
      assert.equal(r.column, 11);
      assert.equal(r.message, 'Invalid JSON at line 3, column 11: expected "true", found "\\n"');
    }
    assert.deepEqual(checkBody('{"a":1}', 'application/json; charset=utf-8'), { ok: true, kind: 'json' });
  });

  test('an unfinished JSON document points at its end', () => {
    const r = checkBody('{"a":\n[1,2', 'application/json');
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.line, 2);
  });

  test('a form with broken percent-encoding names the parameter', () => {
    const r = checkBody('a=1&b=100%&c=3', 'application/x-www-form-urlencoded');
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.column, 5);
      assert.match(r.message, /%25/);
    }
    assert.equal(checkBody('a=1&b=%C3%A9', 'application/x-www-form-urlencoded').ok, true);
    assert.equal(checkBody('plain text {', 'text/plain').ok, true);
  });

  test('agrees with JSON.parse on what is valid', () => {
    for (const t of ['{"a":[1,-2.5e3,true,null,"\\u00e9\\n"]}', ' [] ', '"x"', '{"a":01}', '{"a":1,}', "{'a':1}", '[1 2]', '{"a":"\t"}', '']) {
      let valid = true;
      try {
        JSON.parse(t);
      } catch {
        valid = false;
      }
      assert.equal(checkBody(t, 'application/json').ok, valid, t);
    }
  });

  test('lineColumn is 1-based', () => {
    assert.deepEqual(lineColumn('ab\ncd', 4), { line: 2, column: 2 });
  });
});

describe('lineDiff', () => {
  test('marks added and removed lines, keeps the rest', () => {
    assert.deepEqual(lineDiff('a\nb\nc', 'a\nB\nc\nd'), [
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'B' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
    assert.ok(lineDiff('x', 'x')?.every((l) => l.kind === 'same'));
  });
});
