import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replayKeyAllowed } from '../../renderer/src/lib/replay-key';

test('the r shortcut ignores key auto-repeat and does nothing while a replay runs', () => {
  assert.equal(replayKeyAllowed({ repeat: false }, false), true);
  assert.equal(replayKeyAllowed({ repeat: true }, false), false);
  assert.equal(replayKeyAllowed({ repeat: false }, true), false);
});
