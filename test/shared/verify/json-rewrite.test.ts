import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setJsonFields } from '../../../shared/verify/support/json-rewrite';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

test('only the changed top-level value is rewritten: big integers, number formats and escapes survive', () => {
  const body = '{\n  "callId": 12345678901234567890,\n  "price": 1.50,\n  "note": "caf\\u00e9",\n  "timestamp": "2020-01-01T00:00:00Z",\n  "data": {"x": 1e3}\n}\n';
  const out = dec(setJsonFields(enc(body), (obj) => {
    obj.timestamp = '2026-11-22T12:00:00.000Z';
    return true;
  }));
  assert.equal(out, body.replace('2020-01-01T00:00:00Z', '2026-11-22T12:00:00.000Z'));
});

test('a nested change rewrites only that top-level member; a new field is appended', () => {
  const body = '{"a": 1.0, "meta": {"ts": 1, "keep": 10.00}}';
  const out = dec(setJsonFields(enc(body), (obj) => {
    (obj.meta as Record<string, unknown>).ts = 2;
    obj.sig = 'abc';
    return true;
  }));
  assert.equal(out, '{"a": 1.0, "meta": {"ts":2,"keep":10},"sig":"abc"}');
  assert.deepEqual(JSON.parse(out), { a: 1, meta: { ts: 2, keep: 10 }, sig: 'abc' });
});

test('no change, or not an object, leaves the bytes alone', () => {
  const body = enc('[1,2]');
  assert.equal(setJsonFields(body, () => true), body);
  const obj = enc('{"a":1}');
  assert.equal(setJsonFields(obj, () => false), obj);
});
