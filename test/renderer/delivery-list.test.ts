import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendPage, EMPTY_FILTERS, filtersToArgs, matchesFilters, mergeNewest, stepSelection } from '../../renderer/src/lib/delivery-list';
import { delivery, failing } from './fixtures';

test('filters become listDeliveries arguments, empty ones left out', () => {
  assert.deepEqual(filtersToArgs(EMPTY_FILTERS, undefined, 50), { limit: 50 });
  assert.deepEqual(
    filtersToArgs({ verdict: 'rejected', failedCheck: 'signature', sourceId: 'stripe', eventType: ' call.ended ', q: '  hello  ' }, 'cursor-1', 10),
    { limit: 10, sourceId: 'stripe', verdict: 'rejected', failedCheck: 'signature', eventType: 'call.ended', q: 'hello', before: 'cursor-1' },
  );
});

test('a live delivery matches filters locally; with a search active the answer is unknown', () => {
  const bad = failing('signature', 'no_matching_signature', { sourceId: 'a' });
  const good = delivery({ sourceId: 'a' });
  assert.equal(matchesFilters(bad, { ...EMPTY_FILTERS, failedCheck: 'signature' }), true);
  assert.equal(matchesFilters(good, { ...EMPTY_FILTERS, failedCheck: 'signature' }), false);
  assert.equal(matchesFilters(good, { ...EMPTY_FILTERS, verdict: 'rejected' }), false);
  assert.equal(matchesFilters(good, { ...EMPTY_FILTERS, sourceId: 'b' }), false);
  assert.equal(matchesFilters(good, { ...EMPTY_FILTERS, eventType: 'other' }), false);
  assert.equal(matchesFilters(good, { ...EMPTY_FILTERS, q: 'x' }), null);
});

test('mergeNewest keeps newest first, replaces duplicates and interleaves late arrivals', () => {
  const a = delivery({ at: 1000 });
  const b = delivery({ at: 2000 });
  const c = delivery({ at: 3000 });
  const existing = [c, a];
  const merged = mergeNewest(existing, [b, { ...c, status: 500 }]);
  assert.deepEqual(merged.map((x) => x.id), [c.id, b.id, a.id]);
  assert.equal(merged[0].status, 500, 'the incoming version replaces the stored one');
  const d = delivery({ at: 4000 });
  assert.deepEqual(mergeNewest(merged, [d, d]).map((x) => x.id), [d.id, c.id, b.id, a.id]);
  assert.equal(mergeNewest(merged, []), merged);
});

test('appendPage skips deliveries already shown', () => {
  const [a, b, c] = [delivery(), delivery(), delivery()];
  assert.deepEqual(appendPage([c, b], [b, a]).map((x) => x.id), [c.id, b.id, a.id]);
});

test('stepSelection moves within bounds and starts at the top', () => {
  const items = [delivery(), delivery(), delivery()];
  assert.equal(stepSelection(items, null, 1), items[0].id);
  assert.equal(stepSelection(items, items[0].id, 1), items[1].id);
  assert.equal(stepSelection(items, items[2].id, 1), items[2].id);
  assert.equal(stepSelection(items, items[0].id, -1), items[0].id);
  assert.equal(stepSelection(items, 'gone', -1), items[0].id);
  assert.equal(stepSelection([], 'x', 1), 'x');
});

test('the "unmatched" source filter matches live deliveries whose sourceId is null', () => {
  const unmatched = delivery({ sourceId: null });
  const matched = delivery({ sourceId: 'a' });
  assert.equal(matchesFilters(unmatched, { ...EMPTY_FILTERS, sourceId: 'unmatched' }), true);
  assert.equal(matchesFilters(matched, { ...EMPTY_FILTERS, sourceId: 'unmatched' }), false);
  assert.equal(matchesFilters(unmatched, { ...EMPTY_FILTERS, sourceId: 'a' }), false);
});
