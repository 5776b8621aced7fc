/** routeOf: the source a target names (the receiver asks per request; answers are remembered per target). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { routeOf } from '../../../../electron/core/receiver/route';

test('/hooks/<id> with an optional slash and any query names the %-decoded id; anything else names none', () => {
  const cases: Array<[string, string, string | null]> = [
    ['/hooks/stripe', '/hooks/stripe', 'stripe'],
    ['/hooks/stripe/', '/hooks/stripe/', 'stripe'],
    ['/hooks/stripe?token=a?b', '/hooks/stripe', 'stripe'],
    ['/hooks/caf%C3%A9', '/hooks/caf%C3%A9', 'café'],
    ['/hooks/%E2', '/hooks/%E2', null],
    ['/hooks/a/b', '/hooks/a/b', null],
    ['/hooks/', '/hooks/', null],
    ['/healthz', '/healthz', null],
    ['/?x', '/', null],
  ];
  // twice: the second answer comes from the memo and must be the same
  for (let round = 0; round < 2; round++) {
    for (const [target, pathname, sourceId] of cases) assert.deepEqual(routeOf(target), { pathname, sourceId }, `${target} (round ${round + 1})`);
  }
});

test('a flood of distinct targets only empties the memo: every answer stays right', () => {
  for (let i = 0; i < 1000; i++) {
    assert.deepEqual(routeOf(`/hooks/s${i}?n=${i}`), { pathname: `/hooks/s${i}`, sourceId: `s${i}` });
    assert.deepEqual(routeOf(`/x/${i}`), { pathname: `/x/${i}`, sourceId: null });
  }
  assert.deepEqual(routeOf('/hooks/s7'), { pathname: '/hooks/s7', sourceId: 's7' });
  const long = `/hooks/${'a'.repeat(600)}`;
  assert.deepEqual(routeOf(long), { pathname: long, sourceId: 'a'.repeat(600) });
});
