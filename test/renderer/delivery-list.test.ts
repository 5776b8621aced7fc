import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldValue, indexOfId, itemAt, missingPages, setField, toggleTerm } from '../../renderer/src/lib/delivery-list';
import { applySuggestion, suggest } from '../../renderer/src/lib/query-suggest';
import { summaryChip } from '../../renderer/src/lib/summary-chip';
import { delivery, failing } from './fixtures';

test('pages by index: item lookup, index of an id, the pages a window still needs', () => {
  const a = Array.from({ length: 100 }, () => delivery());
  const b = [delivery(), delivery()];
  const pages = { 0: a, 3: b };
  assert.equal(itemAt(pages, 301), b[1]);
  assert.equal(itemAt(pages, 150), undefined);
  assert.equal(indexOfId(pages, b[1].id), 301);
  assert.deepEqual(missingPages(pages, 50, 320, 302), [1, 2]);
  assert.deepEqual(missingPages(pages, 0, 10, 0), []);
});

test('clicks toggle query terms; OR queries are grouped first; a field is replaced', () => {
  assert.equal(toggleTerm('', 'status:401'), 'status:401');
  assert.equal(toggleTerm('osaka', 'status:401'), 'osaka status:401');
  assert.equal(toggleTerm('osaka status:401', 'status:401'), 'osaka');
  assert.equal(toggleTerm('a OR b', 'dup:yes'), '(a OR b) dup:yes');
  assert.equal(setField('x source:a', 'source', 'b c'), 'x source:"b c"');
  assert.equal(setField('x source:a', 'source', null), 'x');
  assert.equal(fieldValue('x source:gh', 'source'), 'gh');
});

test('autocomplete offers fields, then their values, and keeps the rest of the query', () => {
  const ctx = { sources: ['github', 'stripe'] };
  assert.deepEqual(suggest('sta', 3, ctx).items.map((s) => s.insert), ['status:']);
  assert.deepEqual(suggest('fail:si', 7, ctx).items.map((s) => s.insert), ['fail:signature']);
  assert.deepEqual(suggest('x -source:g', 11, ctx).items.map((s) => s.insert), ['source:github']);
  const s = suggest('verdict:r osaka', 9, ctx);
  assert.deepEqual(applySuggestion('verdict:r osaka', s, s.items[0]), { text: 'verdict:rejected osaka', caret: 17 });
  const f = suggest('he', 2, ctx);
  assert.deepEqual(applySuggestion('he', f, f.items[0]), { text: 'header:', caret: 7 });
});

test('one chip per row: the failing check by name, duplicates as duplicates', () => {
  assert.deepEqual(summaryChip(failing('signature', 'no_matching_signature')), {
    label: 'Signature failed',
    tone: 'fail',
    term: 'fail:signature',
    title: 'Rejected: signature failed (no_matching_signature)',
  });
  assert.equal(summaryChip(delivery()).title, 'Verified, with a warning: transport (plain_http)');
  assert.equal(summaryChip(delivery({ checks: [] })).label, 'Verified');
  assert.equal(summaryChip(delivery({ duplicateOf: 'd1' })).term, 'dup:yes');
});
