import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromBase64, fromBase64Url, toBase64, toBase64Unpadded, toBase64Url, toHex } from '../../../../shared/verify/support/encoding';

test('round trips match Node for every length 0..40', () => {
  for (let n = 0; n <= 40; n++) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 13) & 255);
    const b = Buffer.from(bytes);
    assert.equal(toHex(bytes), b.toString('hex'));
    assert.equal(toBase64(bytes), b.toString('base64'));
    assert.equal(toBase64Unpadded(bytes), b.toString('base64').replace(/=+$/, ''));
    assert.equal(toBase64Url(bytes), b.toString('base64url'));
    if (n > 0) {
      assert.deepEqual(fromBase64(toBase64(bytes)), bytes);
      assert.deepEqual(fromBase64(toBase64Unpadded(bytes)), bytes);
      assert.deepEqual(fromBase64Url(toBase64Url(bytes)), bytes);
    }
  }
});

test('strict decoding: wrong alphabet, bad length or padding → null', () => {
  for (const bad of ['', 'a', 'ab=c', 'abc===', 'a-b_', '!!!!']) assert.equal(fromBase64(bad), null, bad);
  assert.equal(fromBase64Url('ab+/'), null);
});

test('toHex across its 512-byte chunks, and again after a longer input (no digit left over)', () => {
  for (const n of [511, 512, 513, 1500, 3, 0]) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 255);
    assert.equal(toHex(bytes), Buffer.from(bytes).toString('hex'), `length ${n}`);
  }
});
