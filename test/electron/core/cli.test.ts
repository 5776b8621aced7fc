/** Issue 2: config errors, unknown presets, tolerance above 900 s, an unreadable config: one clear line, exit ≠ 0. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function serve(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/hookscope.mjs', 'serve', '--receiver-port', '0', '--ui-port', '0', '--no-tunnel', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, HOOKSCOPE_LOG_LEVEL: 'info' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

test('a bad config is one clear line on stderr, a non-zero exit, and nothing half-started', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-cli-'));
  try {
    const cases: Array<[string, unknown, RegExp]> = [
      ['preset.json', { sources: [{ id: 'x', provider: 'pagerduty' }] }, /sources\[0\]\.provider: must be one of the presets/],
      ['tolerance.json', { sources: [{ id: 'x', provider: 'stripe', toleranceSeconds: 1200 }] }, /sources\[0\]\.toleranceSeconds: must not exceed 900 seconds/],
    ];
    for (const [name, config, expected] of cases) {
      writeFileSync(join(dir, name), JSON.stringify(config));
      const data = join(dir, `data-${name}`);
      const r = serve(['--config', join(dir, name), '--data-dir', data]);
      assert.equal(r.code, 1, name);
      assert.equal(r.stderr.split('\n').length, 1, `${name}: one line, got ${r.stderr}`);
      assert.match(r.stderr, expected);
      assert.equal(r.stdout, '', `${name}: nothing printed on stdout`);
      assert.throws(() => readdirSync(data), /ENOENT/, `${name}: no data directory was created`);
    }
    const missing = serve(['--config', join(dir, 'nope.json'), '--data-dir', join(dir, 'd')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^hookscope: Cannot read config file .*nope\.json: no such file/);
    const flag = serve(['--receiver-port', 'eighty']);
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /^hookscope: --receiver-port needs a port number/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
