import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setHeaders } from '../../../../shared/verify/support/set-headers';
import { setFormParams } from '../../../../shared/verify/support/form-rewrite';

describe('setHeaders', () => {
  test('replaces case-insensitively in place, keeps the captured spelling, appends new ones', () => {
    const out = setHeaders([['Content-Type', 'application/json'], ['stripe-signature', 't=1,v1=old'], ['X-Other', 'keep']], [['Stripe-Signature', 't=2,v1=new'], ['X-New', 'n']]);
    assert.deepEqual(out, [['Content-Type', 'application/json'], ['stripe-signature', 't=2,v1=new'], ['X-Other', 'keep'], ['X-New', 'n']]);
  });

  test('a second occurrence of a replaced header goes (no stale second signature)', () => {
    assert.deepEqual(setHeaders([['X-Sig', 'a'], ['X-Keep', '1'], ['x-sig', 'b']], [['X-Sig', 'c']]), [['X-Sig', 'c'], ['X-Keep', '1']]);
  });
});

describe('setFormParams', () => {
  test('only the given parameters change; the sender\'s encoding of the rest stays byte for byte', () => {
    assert.equal(setFormParams('text=Hello+%26+bye%3D&timestamp=1&b=%7e&sig=OLD&sig=DUP', [['timestamp', '2'], ['sig', 'NEW']]), 'text=Hello+%26+bye%3D&timestamp=2&b=%7e&sig=NEW');
  });

  test('absent parameters are appended, encoded', () => {
    assert.equal(setFormParams('a=1', [['timestamp', '9'], ['x y', 'a&b']]), 'a=1&timestamp=9&x+y=a%26b');
    assert.equal(setFormParams('', [['k', 'v']]), 'k=v');
  });
});
