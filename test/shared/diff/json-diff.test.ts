import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffDeliveries, diffHeaders, diffJson, MAX_DIFF_ENTRIES } from '../../../shared/diff/json-diff';

test('added, removed and changed paths in nested objects and arrays, in document order', () => {
  const a = { id: 1, data: { status: 'paid', items: [{ sku: 'a' }, { sku: 'b' }] }, gone: true };
  const b = { id: 1, data: { status: 'refunded', items: [{ sku: 'a' }, { sku: 'c' }, { sku: 'd' }] }, 'new-key': null };
  assert.deepEqual(diffJson(a, b), [
    { path: 'body.data.status', kind: 'changed', before: '"paid"', after: '"refunded"' },
    { path: 'body.data.items[1].sku', kind: 'changed', before: '"b"', after: '"c"' },
    { path: 'body.data.items[2]', kind: 'added', after: '{"sku":"d"}' },
    { path: 'body.gone', kind: 'removed', before: 'true' },
    { path: 'body["new-key"]', kind: 'added', after: 'null' },
  ]);
});

test('equal values have no entries; a type change is one changed entry, not a walk inside', () => {
  assert.deepEqual(diffJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), []);
  assert.deepEqual(diffJson({ a: { b: 1 } }, { a: [1] }), [{ path: 'body.a', kind: 'changed', before: '{"b":1}', after: '[1]' }]);
  assert.deepEqual(diffJson({ a: 1 }, { a: '1' }), [{ path: 'body.a', kind: 'changed', before: '1', after: '"1"' }]);
});

test('header names compare case-insensitively; repeated headers are joined', () => {
  const a: Array<[string, string]> = [['Content-Type', 'application/json'], ['X-Old', '1'], ['Via', 'a'], ['via', 'b']];
  const b: Array<[string, string]> = [['content-type', 'application/json'], ['X-New', '2'], ['Via', 'a, c']];
  assert.deepEqual(diffHeaders(a, b), [
    { path: 'header.x-old', kind: 'removed', before: '1' },
    { path: 'header.via', kind: 'changed', before: 'a, b', after: 'a, c' },
    { path: 'header.x-new', kind: 'added', after: '2' },
  ]);
});

test('non-JSON bodies are compared as whole texts; identical deliveries give nothing', () => {
  const text = diffDeliveries({ headers: [], body: 'a=1' }, { headers: [], body: 'a=2' });
  assert.equal(text.structural, false);
  assert.deepEqual(text.entries, [{ path: 'body', kind: 'changed', before: 'a=1', after: 'a=2' }]);
  const same = diffDeliveries({ headers: [['A', '1']], body: '{"x":1}' }, { headers: [['a', '1']], body: '{ "x": 1 }' });
  assert.deepEqual(same, { entries: [], omitted: 0, structural: true });
});

test('a huge diff is capped and the rest counted', () => {
  const many = Array.from({ length: MAX_DIFF_ENTRIES + 20 }, (_, i) => i);
  const d = diffDeliveries({ headers: [], body: JSON.stringify(many) }, { headers: [], body: JSON.stringify(many.map((n) => n + 1)) });
  assert.equal(d.entries.length, MAX_DIFF_ENTRIES);
  assert.equal(d.omitted, 20);
});
