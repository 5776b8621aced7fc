/** The deriver's nudge: at most one message per window, and a request inside a window is never lost. */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { spacedNudge } from '../../../../electron/core/store/sqlite/spaced-nudge';

describe('spacedNudge', () => {
  test('sends the first at once, folds a burst into one more at the end of the window, then sends at once again', async () => {
    let t = 1_000;
    let sent = 0;
    const nudge = spacedNudge(() => sent++, 30, () => t);
    nudge();
    assert.equal(sent, 1, 'the first goes at once');
    for (let i = 0; i < 50; i++) nudge();
    assert.equal(sent, 1, 'a burst inside the window waits');
    t += 30;
    await sleep(200); // the timer fires after 30 ms of real time (bounded wait, generous under load)
    assert.equal(sent, 2, 'the burst is sent once, after the window');
    t += 100;
    nudge();
    assert.equal(sent, 3, 'after a quiet window it goes at once');
    nudge();
    nudge.cancel();
    await sleep(100);
    assert.equal(sent, 3, 'a cancelled nudge is not sent');
  });
});
