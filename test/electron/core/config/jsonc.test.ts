import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editJsonc, JsoncSyntaxError, parseJsonc } from '../../../../electron/core/config/jsonc';

test('parseJsonc strips comments and trailing commas but keeps strings intact', () => {
  const text = `{
    // a line comment
    "url": "http://localhost:3000/a//b", /* block */
    "list": [1, 2,],
    "s": "quote \\" // not a comment",
  }`;
  assert.deepEqual(parseJsonc(text), { url: 'http://localhost:3000/a//b', list: [1, 2], s: 'quote " // not a comment' });
});

test('a string containing ", }" or ",]" survives (no trailing-comma rewrite inside strings)', () => {
  assert.deepEqual(parseJsonc('{"name":"Acme, }", "list": ["a,]",],}'), { name: 'Acme, }', list: ['a,]'] });
});

test('a syntax error names the line and column and not the text there', () => {
  const text = '{\n  "a": 1,\n  "secret": "hunter2" "b": 2\n}';
  assert.throws(
    () => parseJsonc(text),
    (error: unknown) => {
      assert.ok(error instanceof JsoncSyntaxError);
      assert.equal(error.line, 3);
      assert.equal(error.column, 23);
      assert.equal(error.message, 'a comma is expected at line 3, column 23');
      return true;
    },
  );
  assert.throws(() => parseJsonc(' \n '), /the document is empty/);
});

const COMMENTED = `{
  // my receiver
  "receiver": { "port": 9000 }, // not the default
  "sources": [
    /* Stripe, test mode */
    { "id": "stripe", "provider": "stripe", "secrets": ["env:STRIPE"] },
    { "id": "gh", "provider": "github", "secrets": ["env:GH"] }, // the org hook
  ],
}
`;

test('editJsonc changes one value in place: every comment, the order and the other lines stay', () => {
  const before = parseJsonc(COMMENTED) as { sources: Array<Record<string, unknown>> };
  const after = structuredClone(before);
  after.sources[1].toleranceSeconds = 120;
  const edited = editJsonc(COMMENTED, before, after);
  assert.deepEqual(parseJsonc(edited), after);
  for (const comment of ['// my receiver', '// not the default', '/* Stripe, test mode */', '// the org hook']) assert.ok(edited.includes(comment), comment);
  assert.ok(edited.includes('{ "id": "stripe", "provider": "stripe", "secrets": ["env:STRIPE"] },'), 'the untouched source keeps its line');
  // jsonc-parser lays out the one object it edited; every line around it is as the user wrote it
  const lines = COMMENTED.split('\n');
  const editedLines = edited.split('\n');
  assert.deepEqual(editedLines.slice(0, 6), lines.slice(0, 6));
  assert.deepEqual(editedLines.slice(-3), lines.slice(-3));
});

test('editJsonc adds and removes array elements and keys without touching the rest', () => {
  const before = parseJsonc(COMMENTED) as { receiver?: unknown; sources: unknown[] };
  const added = { ...before, sources: [...before.sources, { id: 'new', provider: 'github', secrets: [] }] };
  const withNew = editJsonc(COMMENTED, before, added);
  assert.deepEqual(parseJsonc(withNew), added);
  assert.ok(withNew.includes('/* Stripe, test mode */') && withNew.includes('// my receiver'));

  const removed = { sources: [before.sources[0]] };
  const withoutGh = editJsonc(COMMENTED, before, removed);
  assert.deepEqual(parseJsonc(withoutGh), removed);
  assert.ok(withoutGh.includes('/* Stripe, test mode */'));

  // compact arrays too (jsonc-parser alone cuts a character when removing the last element)
  assert.deepEqual(parseJsonc(editJsonc('{"s":[{"id":"a"},{"id":"b"}]}', { s: [{ id: 'a' }, { id: 'b' }] }, { s: [{ id: 'a' }] })), { s: [{ id: 'a' }] });
});

test('editJsonc writes a changed default where it belongs and leaves unchanged defaults unwritten', () => {
  const text = '{\n  // only what I set\n  "sources": []\n}\n';
  const edited = editJsonc(text, { sources: [], retention: { rawBodyDays: 7, eventDays: 30 } }, { sources: [], retention: { rawBodyDays: 3, eventDays: 30 } });
  assert.deepEqual(parseJsonc(edited), { sources: [], retention: { rawBodyDays: 3 } });
  assert.ok(edited.includes('// only what I set'));
});
