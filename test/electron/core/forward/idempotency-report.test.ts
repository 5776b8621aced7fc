import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appliedCount, buildReport } from '../../../../electron/core/forward/idempotency-report';

test('appliedCount reads a number, a list, or the largest change among an object\'s fields', () => {
  assert.equal(appliedCount(3, 8), 5);
  assert.equal(appliedCount(['a'], ['a', 'b', 'c']), 2);
  assert.equal(appliedCount({ charges: 1, emails: 1, name: 'x' }, { charges: 6, emails: 2, name: 'y' }), 5);
  assert.equal(appliedCount({ stats: { rows: [1] } }, { stats: { rows: [1, 2, 3] } }), 2);
  assert.equal(appliedCount({ ok: true }, { ok: true }), null);
  assert.equal(appliedCount('a', 'b'), null);
  assert.equal(appliedCount({ n: 1 }, { n: 1 }), 0);
});

test('buildReport: verdicts and their sentences', () => {
  const reading = (n: number) => ({ value: { n }, shown: { n } });
  const base = { statuses: [200, 200, 500], bodies: ['a', 'a', 'b'], events: 1, keyName: 'body id' };
  const naive = buildReport({ ...base, before: reading(0), after: reading(3) });
  assert.equal(naive.verdict, 'not_idempotent');
  assert.equal(naive.distinctBodies, 2);
  assert.equal(naive.summary, '3 copies → side effect applied 3 times: the handler is not idempotent on body id');
  const already = buildReport({ ...base, before: reading(4), after: reading(4) });
  assert.equal(already.verdict, 'idempotent');
  assert.equal(already.summary, '3 copies → side effect applied 0 times: the handler de-duplicates on body id');
  const unreadable = buildReport({ ...base, before: 'it did not answer JSON', after: reading(1) });
  assert.equal(unreadable.verdict, 'unknown');
  assert.equal(unreadable.summary, 'the side-effect probe could not be read: it did not answer JSON');
  const once = buildReport({ ...base, events: 3, before: reading(0), after: reading(3) });
  assert.equal(once.verdict, 'unknown');
  assert.equal(once.applied, 3);
  const noProbe = buildReport({ ...base, before: null, after: null });
  assert.equal(noProbe.summary, '3 copies → 2× 200, 1× 500; give a side-effect probe (a GET URL on your dev server answering JSON with a counter) for a verdict');
});
