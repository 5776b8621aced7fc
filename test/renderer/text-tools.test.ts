import { test } from 'node:test';
import assert from 'node:assert/strict';
import { showInvisibles } from '../../renderer/src/lib/invisible-chars';
import { base64ToBytes, hexDump } from '../../renderer/src/lib/hex-dump';
import { pillName } from '../../renderer/src/lib/check-labels';

test('invisible characters become named markers; visible text is untouched', () => {
  const segments = showInvisibles('{"a":"x\u00a0y\u200b"}\r\n\t\ufeff');
  const markers = segments.filter((s) => s.marker).map((s) => s.marker);
  assert.deepEqual(markers, ['[NBSP]', '[ZWSP]', '\\r', '\\n', '\\t', '[BOM]']);
  assert.equal(segments.map((s) => s.text).join(''), '{"a":"x\u00a0y\u200b"}\r\n\t\ufeff', 'no character is lost');
  assert.equal(segments.find((s) => s.marker === '\\n')?.breakAfter, true);
  assert.deepEqual(showInvisibles('plain'), [{ text: 'plain' }]);
});

test('base64 bodies are shown as hex', () => {
  const bytes = base64ToBytes('AP8Qe30=');
  assert.deepEqual([...bytes], [0x00, 0xff, 0x10, 0x7b, 0x7d]);
  assert.deepEqual(hexDump(bytes), ['00000000  00 ff 10 7b 7d' + ' '.repeat(47 - 14) + '  |...{}|']);
});

test('pill names say check, outcome and code', () => {
  assert.equal(pillName({ id: 'signature', outcome: 'fail', code: 'no_matching_signature' }), 'signature: fail (no_matching_signature)');
  assert.equal(pillName({ id: 'signature', outcome: 'pass', code: 'ok' }), 'signature: pass');
  assert.equal(pillName({ id: 'transport', outcome: 'warn', code: 'plain_http' }), 'transport: warn (plain_http)');
});
