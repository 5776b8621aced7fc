import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJsonc } from '../../../../electron/core/config/jsonc';

test('parseJsonc strips comments and trailing commas but keeps strings intact', () => {
  const text = `{
    // a line comment
    "url": "http://localhost:3000/a//b", /* block */
    "list": [1, 2,],
    "s": "quote \\" // not a comment",
  }`;
  assert.deepEqual(parseJsonc(text), { url: 'http://localhost:3000/a//b', list: [1, 2], s: 'quote " // not a comment' });
});

test('parseJsonc reports invalid JSON', () => {
  assert.throws(() => parseJsonc('{"a": }'), SyntaxError);
});
