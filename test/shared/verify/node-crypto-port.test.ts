/** The Node CryptoPort (test/helpers/node-crypto-port.ts, copied as the production port) against RFC vectors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toHex } from '../../../shared/verify/support/encoding';
import { nodeCryptoPort as c } from '../../helpers/node-crypto-port';

const data = 'what do ya want for nothing?';

test('HMAC: RFC 2202 case 2 (md5, sha1) and RFC 4231 case 2 (sha256, sha512)', () => {
  assert.equal(toHex(c.hmac('md5', 'Jefe', data)), '750c783e6ab0b503eaa86e310a5db738');
  assert.equal(toHex(c.hmac('sha1', 'Jefe', data)), 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
  assert.equal(toHex(c.hmac('sha256', 'Jefe', data)), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  assert.equal(
    toHex(c.hmac('sha512', new TextEncoder().encode('Jefe'), new TextEncoder().encode(data))),
    '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
  );
});

test('hash: md5, sha1, sha256, sha512 of "abc"', () => {
  assert.equal(toHex(c.hash('md5', 'abc')), '900150983cd24fb0d6963f7d28e17f72');
  assert.equal(toHex(c.hash('sha1', 'abc')), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.equal(toHex(c.hash('sha256', 'abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(
    toHex(c.hash('sha512', 'abc')),
    'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
  );
});

test('timingSafeEqual is false (not a throw) on different lengths; randomBytes gives fresh bytes', () => {
  assert.equal(c.timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])), true);
  assert.equal(c.timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3])), false);
  assert.equal(c.timingSafeEqual(new Uint8Array([1]), new Uint8Array([1, 2])), false);
  const a = c.randomBytes(32);
  assert.equal(a.byteLength, 32);
  assert.notDeepEqual(a, c.randomBytes(32));
  assert.ok(a instanceof Uint8Array);
});

test('an unknown algorithm is refused', () => {
  assert.throws(() => c.hash('sha3' as 'sha1', 'x'), /unsupported hash algorithm/);
});
