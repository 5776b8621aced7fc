import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editingIndex } from '../../renderer/src/lib/source-draft';

test('the edited source is found by id: deleting a source above it does not move the form onto another', () => {
  const before = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  const editing = { kind: 'edit' as const, id: 'b' };
  assert.equal(editingIndex(before, editing), 1);
  const afterDelete = [{ id: 'b' }, { id: 'c' }];
  assert.equal(editingIndex(afterDelete, editing), 0);
  assert.equal(editingIndex([{ id: 'a' }, { id: 'c' }], editing), null, 'deleted: no slot at all');
  assert.equal(editingIndex(before, { kind: 'new' }), 3);
  assert.equal(editingIndex(before, null), null);
});
