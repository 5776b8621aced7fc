import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseQuery } from '../../../shared/query';
import { parseTimePoint } from '../../../shared/query/terms';

const node = (q: string) => {
  const r = parseQuery(q);
  assert.ok(r.ok, `${q}: ${r.ok ? '' : r.error.message}`);
  return r.node;
};
const error = (q: string) => {
  const r = parseQuery(q);
  assert.ok(!r.ok, `${q} should not parse`);
  return r.error;
};

test('fields become typed terms', () => {
  assert.deepEqual(node('status:401'), { kind: 'status', min: 401, max: 401 });
  assert.deepEqual(node('status:5xx'), { kind: 'status', min: 500, max: 599 });
  assert.deepEqual(node('check:signature'), { kind: 'failed', check: 'signature' });
  assert.deepEqual(node('header:X-GitHub-Event=push'), { kind: 'header', name: 'x-github-event', value: 'push' });
  assert.deepEqual(node('body.items.0.sku:"A B"'), { kind: 'body', path: ['items', 0, 'sku'], value: 'A B' });
  assert.deepEqual(node('after:-15m'), { kind: 'time', op: 'after', point: { ago: 15 * 60_000 } });
  assert.deepEqual(node('dup:yes'), { kind: 'dup', duplicate: true });
});

test('side by side is AND, OR binds looser, - and NOT negate, parentheses group', () => {
  assert.deepEqual(node('a b OR c'), {
    kind: 'or',
    items: [
      { kind: 'and', items: [{ kind: 'text', text: 'a', phrase: false, prefix: false }, { kind: 'text', text: 'b', phrase: false, prefix: false }] },
      { kind: 'text', text: 'c', phrase: false, prefix: true },
    ],
  });
  assert.deepEqual(node('-(verdict:verified OR dup:yes)'), {
    kind: 'not',
    item: { kind: 'or', items: [{ kind: 'verdict', verdict: 'verified' }, { kind: 'dup', duplicate: true }] },
  });
  assert.deepEqual(node('NOT status:200 AND "x y"'), {
    kind: 'and',
    items: [{ kind: 'not', item: { kind: 'status', min: 200, max: 200 } }, { kind: 'text', text: 'x y', phrase: true, prefix: false }],
  });
  // lower-case and/or are words to search for
  assert.equal((node('rock and roll') as { items: unknown[] }).items.length, 3);
  assert.equal(node(''), null);
  assert.equal(node('  ***  '), null);
});

test('mistakes name the position and say what to write', () => {
  assert.deepEqual(error('status:abc'), { at: 7, message: 'status: takes a code like 401 or a class like 5xx, not "abc"' });
  assert.match(error('colour:red').message, /^unknown field "colour:" — use status:/);
  assert.equal(error('a (b').at, 2);
  assert.equal(error('a ) b').at, 2);
  assert.match(error('a OR').message, /OR needs a term after it/);
  assert.match(error('AND a').message, /AND needs a term before it/);
  assert.match(error('"open').message, /quote is not closed/);
  assert.match(error('after:yesterday').message, /^after: takes a date/);
  assert.match(error('fail:sig').message, /^fail: takes a check: transport, /);
});

test('times: dates are local, zones are honoured, impossible dates are refused', () => {
  assert.deepEqual(parseTimePoint('2026-01-31'), { at: new Date(2026, 0, 31).getTime() });
  assert.deepEqual(parseTimePoint('2026-01-31T14:00:05.5Z'), { at: Date.UTC(2026, 0, 31, 14, 0, 5, 500) });
  assert.deepEqual(parseTimePoint('2026-01-31T14:00+02:00'), { at: Date.UTC(2026, 0, 31, 12, 0) });
  assert.equal(parseTimePoint('2026-02-31'), null);
  assert.deepEqual(parseTimePoint('2d'), { ago: 2 * 86_400_000 });
});

test('any text parses or fails with a position inside it; it never throws', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 80 }), (text) => {
      const r = parseQuery(text);
      if (!r.ok) assert.ok(r.error.at >= 0 && r.error.at <= text.length, `${JSON.stringify(text)} → ${r.error.at}`);
    }),
    { numRuns: 2000 },
  );
});

test('a live summary decides what it can; free text is left to the server (null)', async () => {
  const { matchSummary } = await import('../../../shared/query');
  const item = {
    id: 'd1', sourceId: null, receivedAt: '2026-01-15T12:00:00.000Z', method: 'POST', path: '/x', eventType: 'order.paid',
    verdict: 'rejected' as const, status: 401, checks: [{ id: 'signature' as const, outcome: 'fail' as const, code: 'x' }],
    duplicateOf: null, forward: null, size: 1, clientIp: '127.0.0.1',
  };
  const now = Date.parse('2026-01-15T12:10:00Z');
  const m = (q: string) => matchSummary(node(q), item, now);
  assert.equal(m('status:4xx fail:signature source:unmatched type:order.*'), true);
  assert.equal(m('event:order.paid after:-15m'), true);
  assert.equal(m('after:-5m'), false);
  assert.equal(m('osaka'), null);
  assert.equal(m('osaka verdict:verified'), false);
  assert.equal(m('osaka OR dup:no'), true);
  assert.equal(m('-osaka'), null);
});
