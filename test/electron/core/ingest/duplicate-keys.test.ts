/** The in-memory duplicate set (ingest/duplicate-keys.ts): lookups, expiry, release, sweep, erasure and its size. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createDuplicateKeys } from '../../../../electron/core/ingest/duplicate-keys';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

test('a key is found per source until it expires; a later registration takes it over', () => {
  const keys = createDuplicateKeys([
    { sourceId: 'github', keyHash: HASH_A, deliveryId: '01JAAAAAAAAAAAAAAAAAAAAAAA', expiresAt: 2_000 },
    { sourceId: 'stripe', keyHash: HASH_A, deliveryId: '01JBBBBBBBBBBBBBBBBBBBBBBB', expiresAt: 1_796_000_000_000 },
  ]);
  assert.equal(keys.size(), 2);
  assert.equal(keys.lookup('github', HASH_A, 1_999), '01JAAAAAAAAAAAAAAAAAAAAAAA');
  assert.equal(keys.lookup('github', HASH_A, 2_000), null, 'expired at its expiry');
  assert.equal(keys.lookup('stripe', HASH_A, 1_795_999_999_999), '01JBBBBBBBBBBBBBBBBBBBBBBB', 'the same hash in another source is another key');
  assert.equal(keys.lookup('stripe', HASH_B, 0), null);
  assert.equal(keys.lookup('other', HASH_A, 0), null);
  keys.register({ sourceId: 'github', keyHash: HASH_A, deliveryId: '01JCCCCCCCCCCCCCCCCCCCCCCC', expiresAt: 9_000 });
  assert.equal(keys.lookup('github', HASH_A, 5_000), '01JCCCCCCCCCCCCCCCCCCCCCCC');
  assert.equal(keys.size(), 2, 'taken over, not added');
  // any key text works (the contract tests use short ones)
  keys.register({ sourceId: 'github', keyHash: 'k 1', deliveryId: 'd 1', expiresAt: 9_000 });
  assert.equal(keys.lookup('github', 'k 1', 0), 'd 1');
  // hex hashes are kept as their bytes: a key text that happens to read like those bytes is still another key
  const bytesOfA = Buffer.from(HASH_A, 'hex').toString('latin1');
  assert.equal(keys.lookup('github', bytesOfA, 0), null);
  keys.register({ sourceId: 'github', keyHash: bytesOfA, deliveryId: 'd 2', expiresAt: 9_000 });
  assert.equal(keys.lookup('github', HASH_A, 5_000), '01JCCCCCCCCCCCCCCCCCCCCCCC');
  assert.equal(keys.lookup('github', bytesOfA, 5_000), 'd 2');
  assert.equal(keys.size(), 4);
});

test('release drops a key only for the delivery that registered it; sweep and forget drop and count', () => {
  const keys = createDuplicateKeys([]);
  keys.register({ sourceId: 's', keyHash: HASH_A, deliveryId: 'd1', expiresAt: 100 });
  keys.register({ sourceId: 's', keyHash: HASH_B, deliveryId: 'd2', expiresAt: 500 });
  keys.register({ sourceId: 't', keyHash: HASH_B, deliveryId: 'd3', expiresAt: 500 });
  keys.release({ sourceId: 's', keyHash: HASH_A, deliveryId: 'someone else', expiresAt: 100 });
  assert.equal(keys.lookup('s', HASH_A, 0), 'd1');
  keys.release({ sourceId: 's', keyHash: HASH_A, deliveryId: 'd1', expiresAt: 100 });
  assert.equal(keys.lookup('s', HASH_A, 0), null);
  assert.equal(keys.size(), 2);
  keys.register({ sourceId: 's', keyHash: HASH_A, deliveryId: 'd4', expiresAt: 100 });
  keys.sweep(100);
  assert.equal(keys.size(), 2, 'the expired key is gone');
  assert.equal(keys.lookup('s', HASH_B, 0), 'd2');
  keys.forget(new Set(['d2']));
  assert.equal(keys.lookup('s', HASH_B, 0), null);
  assert.equal(keys.lookup('t', HASH_B, 0), 'd3');
  assert.equal(keys.size(), 1);
});

test('hashes asked alternately, in two sets, each get their own answer (the last conversion is remembered across calls)', () => {
  const one = createDuplicateKeys([{ sourceId: 's', keyHash: HASH_A, deliveryId: 'd-a', expiresAt: 9_000 }]);
  const two = createDuplicateKeys([{ sourceId: 's', keyHash: HASH_B, deliveryId: 'd-b', expiresAt: 9_000 }]);
  for (let i = 0; i < 3; i++) {
    assert.equal(one.lookup('s', HASH_A, 0), 'd-a');
    assert.equal(two.lookup('s', HASH_A, 0), null);
    assert.equal(two.lookup('s', HASH_B, 0), 'd-b');
    assert.equal(one.lookup('s', HASH_B, 0), null);
    assert.equal(one.lookup('s', 'not hex', 0), null);
  }
  two.register({ sourceId: 's', keyHash: HASH_A, deliveryId: 'd-a2', expiresAt: 9_000 });
  assert.equal(two.lookup('s', HASH_A, 0), 'd-a2');
  assert.equal(one.lookup('s', HASH_A, 0), 'd-a');
});

test('a key hash is kept as the bytes of its hex digits: any text finds exactly the entries registered under that text', () => {
  const keys = createDuplicateKeys([]);
  const texts = fc.sample(
    fc.oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFg'), minLength: 63, maxLength: 65 }),
      fc.string({ maxLength: 70 }),
    ),
    { numRuns: 600, seed: 8 },
  );
  texts.forEach((t, i) => keys.register({ sourceId: 's', keyHash: t, deliveryId: `d${i}`, expiresAt: 9_000 }));
  const last = new Map(texts.map((t, i) => [t, `d${i}`]));
  assert.equal(keys.size(), last.size);
  for (const [t, id] of last) assert.equal(keys.lookup('s', t, 0), id, JSON.stringify(t));
  // a hex hash in upper case is another text, not the same bytes
  const hex = texts.find((t) => /^[0-9a-f]{64}$/.test(t) && /[a-f]/.test(t)) as string;
  assert.equal(keys.lookup('s', hex.toUpperCase(), 0), last.get(hex.toUpperCase()) ?? null);
});
