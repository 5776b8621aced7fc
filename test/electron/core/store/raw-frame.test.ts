/**
 * The raw copy's frame (store/raw-envelope.ts): its meta is written as fields joined by U+0000 when
 * every string allows it, else as JSON, and frames written before (JSON) still open. Whatever the
 * strings, what is sealed opens as exactly the same target, headers, body, event type and key.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createKeyRing } from '../../../../electron/core/store/key-ring';
import { openRaw, openRawFrame, parseRawFrame, sealRaw } from '../../../../electron/core/store/raw-envelope';

const ring = createKeyRing(Buffer.alloc(32, 9));
const HEADERS: Array<[string, string]> = [['Host', '127.0.0.1:8787'], ['content-type', 'application/json'], ['X-Sig', 'ab'.repeat(32)]];
const BODY = Buffer.from('{"eventId":"e-1","type":"CompletedWebHookPayload"}');

const metaOf = (sealed: Buffer, id: string): string => {
  const frame = openRawFrame(ring, id, sealed);
  return frame.subarray(4, 4 + frame.readUInt32BE(0)).toString('utf8');
};

test('headers read from the wire are written as fields, and open as they were sealed', () => {
  const sealed = sealRaw(ring, 'd1', '/hooks/bb?x=1', HEADERS, BODY, { eventType: 'CompletedWebHookPayload', idempotencyKey: 'e-1' });
  assert.notEqual(metaOf(sealed, 'd1')[0], '{', 'not JSON');
  assert.deepEqual(openRaw(ring, 'd1', sealed), { target: '/hooks/bb?x=1', headers: HEADERS, body: BODY, eventType: 'CompletedWebHookPayload', idempotencyKey: 'e-1' });
});

test('null and empty event type and key stay apart; no headers at all', () => {
  for (const [eventType, idempotencyKey] of [[null, null], ['', null], [null, ''], ['', ''], ['t', 'k']] as const) {
    const raw = openRaw(ring, 'd2', sealRaw(ring, 'd2', '', [], Buffer.alloc(0), { eventType, idempotencyKey }));
    assert.deepEqual(raw, { target: '', headers: [], body: Buffer.alloc(0), eventType, idempotencyKey });
  }
  assert.deepEqual(openRaw(ring, 'd3', sealRaw(ring, 'd3', '/t', HEADERS, BODY)).eventType, null, 'no extras: both null');
});

test('a string holding U+0000 or a surrogate goes as JSON and comes back exactly', () => {
  const cases: Array<[string, Array<[string, string]>, string | null]> = [
    ['/a\u0000b', HEADERS, null],
    ['/t', [['X-A', 'v\u0000w']], null],
    ['/t', HEADERS, 'type\u0000'],
    ['/t', HEADERS, 'lone \ud800 surrogate'],
    ['/t', [['X-Emoji', '😀']], null],
  ];
  for (const [target, headers, eventType] of cases) {
    const sealed = sealRaw(ring, 'd4', target, headers, BODY, { eventType, idempotencyKey: 'k' });
    assert.equal(metaOf(sealed, 'd4')[0], '{', JSON.stringify(target + eventType));
    assert.deepEqual(openRaw(ring, 'd4', sealed), { target, headers, body: BODY, eventType, idempotencyKey: 'k' });
  }
});

test('frames written before (JSON meta, with and without event type and key) still open', () => {
  const legacy = (meta: object): Buffer => {
    const json = Buffer.from(JSON.stringify(meta));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(json.length);
    return Buffer.concat([length, json, BODY]);
  };
  assert.deepEqual(parseRawFrame(legacy({ t: '/x', h: HEADERS })), { target: '/x', headers: HEADERS, body: BODY, eventType: null, idempotencyKey: null });
  assert.deepEqual(parseRawFrame(legacy({ t: '/x', h: HEADERS, e: 'T', k: 'K' })), { target: '/x', headers: HEADERS, body: BODY, eventType: 'T', idempotencyKey: 'K' });
});

test('a frame that is neither encoding is unreadable, not misread', () => {
  const frame = (meta: string): Buffer => {
    const bytes = Buffer.from(meta);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  for (const meta of ['', '\u0009/t\u0000\u0000', '\u0001/t\u0000e', '\u0001/t\u0000\u0000\u0000name-without-value', '[]']) {
    assert.throws(() => parseRawFrame(frame(meta)), (e: Error) => e.name === 'HookscopeError' || e instanceof SyntaxError, JSON.stringify(meta));
  }
});

test('any strings (fast-check): sealed, then opened, exactly the same', () => {
  // mostly strings the fields carry (each one that cannot sends the whole meta as JSON)
  const text = fc.oneof(
    { arbitrary: fc.string({ maxLength: 30 }), weight: 30 },
    { arbitrary: fc.string({ unit: fc.constantFrom('a', ':', '\u0001', '\u0007', '{', 'é', '€', '\u00ff'), maxLength: 8 }), weight: 10 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 1 },
    { arbitrary: fc.string({ unit: fc.constantFrom('a', '\u0000', '\ud800', '\udc00', '😀'), maxLength: 4 }), weight: 1 },
  );
  const seen = { fields: 0, json: 0 };
  fc.assert(
    fc.property(text, fc.array(fc.tuple(text, text), { maxLength: 6 }), fc.option(text, { nil: null }), fc.option(text, { nil: null }), fc.uint8Array({ maxLength: 64 }), (target, headers, eventType, idempotencyKey, body) => {
      const sealed = sealRaw(ring, 'p', target, headers, body, { eventType, idempotencyKey });
      seen[metaOf(sealed, 'p')[0] === '{' ? 'json' : 'fields']++;
      assert.deepEqual(openRaw(ring, 'p', sealed), { target, headers, body: Buffer.from(body), eventType, idempotencyKey });
    }),
    { numRuns: 600, seed: 6 },
  );
  assert.ok(seen.fields > 100 && seen.json > 100, JSON.stringify(seen));
});
