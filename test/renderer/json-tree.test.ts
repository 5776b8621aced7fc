import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isContainer, JsonNumber, parseJsonBody, reviveNumber, scalarKind, scalarText, shownChildren, type JsonValue } from '../../renderer/src/lib/json-tree';

const BIG = '12345678901234567890';

/** whether this engine passes the reviver its source text (Chromium 114+, Node 21+) */
function engineHasSource(): boolean {
  let seen = false;
  JSON.parse('1', (_key, value, ...rest: unknown[]) => {
    seen = typeof (rest[0] as { source?: unknown } | undefined)?.source === 'string';
    return value;
  });
  return seen;
}

test('only JSON objects and arrays get a tree', () => {
  assert.deepEqual(parseJsonBody(' {"a":[1,2],"b":"x","c":null,"d":true}\n'), {
    a: [new JsonNumber('1'), new JsonNumber('2')],
    b: 'x',
    c: null,
    d: true,
  });
  assert.equal(parseJsonBody('a=1&b=2'), null);
  assert.equal(parseJsonBody('{broken'), null);
  assert.equal(parseJsonBody('42'), null);
});

test('a number leaf shows the exact source text the engine gives the reviver', () => {
  // what Chromium passes: the value (already rounded) and the text it came from
  const big = reviveNumber('id', Number(BIG), { source: BIG });
  assert.ok(big instanceof JsonNumber);
  assert.equal(scalarText(big), BIG, 'no rounding above 2^53');
  assert.notEqual(String(Number(BIG)), BIG, 'the plain number would have been rounded');
  assert.equal(scalarText(reviveNumber('x', 1.5, { source: '1.50' }) as JsonValue), '1.50');
  assert.equal(scalarText(reviveNumber('x', -0.000001, { source: '-1e-6' }) as JsonValue), '-1e-6');
  assert.equal(reviveNumber('s', BIG, { source: `"${BIG}"` }), BIG, 'strings are left alone');
  assert.deepEqual(reviveNumber('o', { a: 1 }, {}), { a: 1 }, 'containers are left alone');
});

test('without source text (older engines) a number falls back to its usual text', () => {
  assert.equal(scalarText(reviveNumber('n', 42) as JsonValue), '42');
  assert.equal(scalarText(reviveNumber('n', 1.5, {}) as JsonValue), '1.5');
});

test('parseJsonBody keeps big ids exactly where the engine allows it, and never fails where it does not', () => {
  const parsed = parseJsonBody(`{"data":{"id":${BIG},"n":[1.0,2e3]}}`) as { data: { id: JsonValue; n: JsonValue[] } };
  const exact = engineHasSource();
  assert.equal(scalarText(parsed.data.id), exact ? BIG : String(Number(BIG)));
  assert.deepEqual(parsed.data.n.map(scalarText), exact ? ['1.0', '2e3'] : ['1', '2000']);
  assert.equal(scalarKind(parsed.data.id), 'number');
  assert.equal(isContainer(parsed.data.id), false, 'a number is a leaf, not an object to expand');
});

test('a container shows at most its limit of children and counts the rest', () => {
  const value = parseJsonBody(JSON.stringify(Array.from({ length: 205 }, (_, i) => i))) as JsonValue[];
  const { entries, more } = shownChildren(value);
  assert.equal(entries.length, 200);
  assert.deepEqual(entries[199], ['199', new JsonNumber('199')]);
  assert.equal(more, 5);
  assert.deepEqual(shownChildren({ a: null }), { entries: [['a', null]], more: 0 });
});
