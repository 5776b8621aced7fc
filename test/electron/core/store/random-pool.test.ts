/** pooledRandomBytes hands out views of a pool: never the same bytes twice, and never changed afterwards. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pooledRandomBytes } from '../../../../electron/core/store/random-pool';

test('views never overlap, and keep their bytes across pool refills', () => {
  const drawn = Array.from({ length: 2000 }, (_, i) => pooledRandomBytes(i % 2 ? 12 : 16));
  const copies = drawn.map((b) => Buffer.from(b));
  for (let i = 0; i < 3000; i++) pooledRandomBytes(16); // several refills later
  drawn.forEach((b, i) => assert.ok(b.equals(copies[i]), `draw ${i} changed`));
  const spans = new Map<ArrayBufferLike, Array<[number, number]>>();
  for (const b of drawn) {
    const list = spans.get(b.buffer) ?? [];
    list.push([b.byteOffset, b.byteOffset + b.byteLength]);
    spans.set(b.buffer, list);
  }
  for (const list of spans.values()) {
    list.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < list.length; i++) assert.ok(list[i][0] >= list[i - 1][1], 'two draws share bytes');
  }
  assert.equal(new Set(copies.map((c) => c.toString('hex'))).size, copies.length);
  assert.equal(pooledRandomBytes(10_000).length, 10_000, 'more than a pool: drawn on its own');
});
