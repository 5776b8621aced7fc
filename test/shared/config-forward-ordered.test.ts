import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forwardSchema } from '../../shared/config';

test('forward.ordered defaults to parallel and accepts only a boolean, saying what it means', () => {
  assert.equal(forwardSchema.parse({ url: 'http://localhost:3000/w' }).ordered, false);
  assert.equal(forwardSchema.parse({ url: 'http://localhost:3000/w', ordered: true }).ordered, true);
  const bad = forwardSchema.safeParse({ url: 'http://localhost:3000/w', ordered: 'yes' });
  assert.equal(bad.success, false);
  assert.match(bad.error?.issues[0].message ?? '', /one at a time, in receipt order/);
  assert.deepEqual(bad.error?.issues[0].path, ['ordered']);
});
