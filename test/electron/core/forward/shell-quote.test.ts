import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { shellQuote } from '../../../../electron/core/forward/shell-quote';

// the quoted word, echoed back by a real shell, must equal the input exactly
function roundTrip(text: string): string {
  const r = spawnSync('bash', ['-c', `printf '%s' ${shellQuote(text)}`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('hostile strings survive a real shell unchanged', () => {
  for (const s of [
    'plain',
    "it's",
    '$(rm -rf /) `id` $HOME ${x} !! \\ "q"',
    '{"a":"b\'c","n":"line1\nline2"}',
    'tab\there\r\nend',
    'bell\u0007 esc\u001b[31m del\u007f',
    'ünïcødé ✓ 日本',
    '',
  ]) {
    assert.equal(roundTrip(s), s, JSON.stringify(s));
  }
});
