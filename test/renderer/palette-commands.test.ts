/** The palette's command list: Compare offered only with an open delivery, by id when the text looks like one. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterCommands } from '../../renderer/src/lib/palette-commands';

const ids = (text: string, selected: boolean, previousId: string | null = null) => filterCommands(text, { selected, previousId }).map((c) => c.id);

test('compare commands need an open delivery; "the one opened before" needs one', () => {
  assert.deepEqual(ids('compare', false), ['query']);
  assert.deepEqual(ids('compare', true), ['compare-sent', 'compare-responses', 'query']);
  assert.deepEqual(ids('compare', true, '01KC0000000000000000000000'), ['compare-previous', 'compare-sent', 'compare-responses', 'query']);
});

test('an id-like word offers "compare with" it, before running it as a query', () => {
  const commands = filterCommands('01KC1ABCDEF0000000000000ZZ', { selected: true, previousId: null });
  assert.deepEqual(commands.map((c) => c.id), ['compare-id', 'query']);
  assert.equal(commands[0].label, 'Compare the selected delivery with 01KC1ABCDEF0000000000000ZZ');
  assert.deepEqual(ids('status:401', true), ['query'], 'a query is not an id');
  assert.deepEqual(ids('01KC1ABCDEF0000000000000ZZ', false), ['query'], 'nothing to compare without an open delivery');
});
