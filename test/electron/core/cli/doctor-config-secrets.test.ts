/**
 * `hookscope doctor` warns (exit code unchanged) about secrets written in the config file as plain text:
 * each warning names the file and the key path and says what to do; the value itself never appears.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../helpers/cli-child';

const AUTHTOKEN = '2abcLiteralNgrokToken_9f8e7d6c5b4a';
const SOURCE_SECRET = 'ghsecret_LiteralInTheFile_71c2';
const RETIRING_SECRET = 'ghsecret_OldLiteral_0d9e';

test('doctor names each plain-text secret by its key path, never its value, and still exits 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-doctor-secrets-'));
  try {
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({
      sources: [
        { id: 'env-only', provider: 'github', secrets: ['env:GH_SECRET'] },
        { id: 'gh', provider: 'github', secrets: ['env:GH_SECRET', SOURCE_SECRET, { value: RETIRING_SECRET, label: 'old' }] },
      ],
      tunnel: { enabled: false, authtoken: AUTHTOKEN },
    }));
    const r = await runCli(['doctor', '--config', config, '--data-dir', join(dir, 'data')]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const warnings = r.stdout.split('\n').filter((l) => l.startsWith('warning '));
    assert.equal(warnings.length, 3, r.stdout);
    assert.match(r.stdout, /tunnel\.authtoken holds the ngrok authtoken in plain text/);
    assert.match(r.stdout, /sources\[1\]\.secrets\[1\] holds a secret in plain text/);
    assert.match(r.stdout, /sources\[1\]\.secrets\[2\]\.value holds a secret in plain text/);
    for (const w of warnings) {
      assert.ok(w.includes(config), 'names the file');
      assert.match(w, /"env:NAME".*paste it in Settings/, 'says what to do');
    }
    assert.doesNotMatch(r.stdout, /sources\[0\]/, 'an env: reference is not flagged');
    for (const value of [AUTHTOKEN, SOURCE_SECRET, RETIRING_SECRET]) {
      assert.ok(!(r.stdout + r.stderr).includes(value), 'the value itself is never printed');
    }

    writeFileSync(config, JSON.stringify({ sources: [{ id: 'gh', provider: 'github', secrets: ['env:GH_SECRET'] }] }));
    const clean = await runCli(['doctor', '--config', config, '--data-dir', join(dir, 'data')]);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.doesNotMatch(clean.stdout, /^warning /m, 'env: references only: no warning');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
