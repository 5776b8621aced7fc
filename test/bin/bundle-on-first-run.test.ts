/**
 * A fresh checkout has no dist/: `hookscope` builds dist/cli.mjs once and runs the bundle from then on,
 * never the TypeScript sources through tsx (a ~2 s start on every command).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

test('a checkout without dist/ builds the CLI bundle on the first run and uses it after', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-checkout-'));
  try {
    for (const part of ['bin', 'scripts', 'electron', 'shared', 'package.json', 'tsconfig.base.json', 'tsconfig.json', 'tsconfig.node.json']) {
      if (existsSync(join(ROOT, part))) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const env = { ...process.env };
    delete env.HOOKSCOPE_CLI;
    const run = () => spawnSync(process.execPath, [join(dir, 'bin', 'hookscope.mjs'), '--help'], { env, encoding: 'utf8', timeout: 120_000 });

    const first = run();
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stderr, /building dist\/cli\.mjs once/);
    assert.match(first.stdout, /serve/);
    assert.ok(existsSync(join(dir, 'dist', 'cli.mjs')), 'the bundle was written');

    const second = run();
    assert.equal(second.status, 0, second.stderr);
    assert.doesNotMatch(second.stderr, /building/);
    assert.equal(second.stdout, first.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
