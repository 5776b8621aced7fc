/**
 * The browser finder on a machine whose PATH has a Chromium that does not launch: it says so in one
 * line, skips it, and still finds one that launches (here @sparticuz/chromium, as on a fresh machine).
 * Runs in a child process: the finder remembers its answer per process.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { test } from 'node:test';

function findIn(env: NodeJS.ProcessEnv) {
  delete env.HOOKSCOPE_BROWSER;
  delete env.CHROMIUM_PATH;
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', "const { findBrowser } = await import('./scripts/lib/find-browser.ts'); process.stdout.write((await findBrowser()).executablePath);"],
    { env, encoding: 'utf8', timeout: 180_000 },
  );
}

test('no Chromium on PATH at all: one line says so, and the packaged headless Chromium is found', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-empty-path-'));
  try {
    const run = findIn({ ...process.env, PATH: dir });
    assert.equal(run.status, 0, `the finder failed: ${run.stderr}`);
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('browser: '));
    assert.deepEqual(lines, ['browser: skipping a system Chromium: none of chromium, chromium-browser, google-chrome, google-chrome-stable, chrome is on PATH']);
    assert.match(run.stdout, /chromium/i);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a Chromium on PATH that cannot launch is skipped with one line, and a launching one is found', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-fake-chromium-'));
  try {
    const fake = join(dir, 'chromium');
    writeFileSync(fake, '#!/bin/sh\necho "this chromium is broken" >&2\nexit 1\n');
    chmodSync(fake, 0o755);
    const run = findIn({ ...process.env, PATH: `${dir}${delimiter}${process.env.PATH ?? ''}` });
    assert.equal(run.status, 0, `the finder failed: ${run.stderr}`);
    const aboutFake = run.stderr.split('\n').filter((line) => line.includes(fake));
    assert.equal(aboutFake.length, 1, `expected one line about ${fake}, got:\n${run.stderr}`);
    assert.match(aboutFake[0], /^browser: skipping chromium on PATH \(.*\): it did not launch: /);
    assert.notEqual(run.stdout, fake);
    assert.ok(run.stdout.length > 0, 'no browser path printed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
