/**
 * The npm package as a user gets it: `npm pack` (prepack builds dist/), the tarball's file list and
 * size, an install into an empty folder, and `npx hookscope serve --json` from there through one
 * delivery signed by GitHub's own signing library and verified.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { sign } from '@octokit/webhooks-methods';
import { apiCall } from '../helpers/child-serve';
import { installOffline, packInto } from '../helpers/offline-install';

/** What may ship: what runs, and what npm always adds (package.json, README, LICENSE, the "main" file). */
const SHIPPED = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^bin\/hookscope\.mjs$/, /^dist\/cli\.mjs$/, /^dist\/cli-chunks\/[\w-]+\.mjs$/, /^dist\/renderer\//, /^dist\/electron\/main\.cjs$/];

test('the packed tarball holds only what runs, installs into an empty folder and serves a verified delivery', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-npm-package-'));
  try {
    const pack = packInto(dir);
    const stray = pack.files.filter((file) => !SHIPPED.some((pattern) => pattern.test(file)));
    assert.deepEqual(stray, [], 'files in the tarball that do not run');
    for (const needed of ['bin/hookscope.mjs', 'dist/cli.mjs', 'dist/renderer/index.html', 'LICENSE', 'README.md']) assert.ok(pack.files.includes(needed), needed);
    assert.ok(pack.size <= 5 * 1024 * 1024, `tarball is ${pack.size} bytes, over 5 MB`);

    const project = join(dir, 'project');
    installOffline(pack.tarball, project);

    const dataDir = join(dir, 'data');
    const config = join(dir, 'hookscope.jsonc');
    writeFileSync(config, '{\n  // one GitHub source\n  "sources": [{ "id": "gh", "provider": "github", "secrets": ["env:GH_HOOK_SECRET"] }],\n}\n');
    const secret = 'package-test-secret';
    const child = spawn('npx', ['--no', 'hookscope', 'serve', '--json', '--config', config, '--data-dir', dataDir, '--receiver-port', '0', '--ui-port', '0', '--no-tunnel'], {
      cwd: project,
      env: { ...process.env, GH_HOOK_SECRET: secret, HOOKSCOPE_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const first = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve printed nothing within 120 s: ${stderr}`)), 120_000);
        createInterface({ input: child.stdout }).once('line', (line) => {
          clearTimeout(timer);
          resolve(line);
        });
        exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
      });
      const { receiver, ui } = JSON.parse(first) as { receiver: string; ui: string };

      const body = JSON.stringify({ zen: 'Design for failure.', hook_id: 1 });
      const answer = await fetch(`${receiver}/hooks/gh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': 'ping', 'x-github-delivery': 'package-delivery-1', 'x-hub-signature-256': await sign(secret, body) },
        body,
      });
      assert.equal(answer.status, 200, await answer.clone().text());
      assert.deepEqual(await answer.json(), { success: true });

      const list = await apiCall<{ items: Array<{ verdict: string; checks: Array<{ id: string; outcome: string }> }> }>(ui, 'listDeliveries', {});
      assert.equal(list.items.length, 1);
      assert.equal(list.items[0].verdict, 'verified');
      assert.equal(list.items[0].checks.find((c) => c.id === 'signature')?.outcome, 'pass');

      // the UI comes from the package's own dist/renderer
      const page = await fetch(ui);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<div id="root">/);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
