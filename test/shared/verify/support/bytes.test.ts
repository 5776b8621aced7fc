import { test } from 'node:test';
import assert from 'node:assert/strict';
import { utf8, utf8Into } from '../../../../shared/verify/support/bytes';

test('utf8Into gives the bytes utf8 gives: in the scratch when they fit, else a new array', () => {
  const scratch = new Uint8Array(30);
  const texts = ['', 'a', 'abc123', 'é', 'ü€', '😀x', '\ud800', 'x'.repeat(10), 'x'.repeat(11), '€'.repeat(10), 'a'.repeat(200)];
  for (const text of texts) {
    const out = utf8Into(text, scratch);
    assert.deepEqual([...out], [...utf8(text)], JSON.stringify(text));
    assert.equal(out.buffer === scratch.buffer, text.length * 3 <= scratch.byteLength, `scratch used for ${JSON.stringify(text)}`);
  }
});
