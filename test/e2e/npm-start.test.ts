/**
 * `npm start` on a machine where Electron cannot start (no runtime, no display — this one): one line
 * says why, web mode starts and prints its URL, the UI and the API answer there, and Ctrl-C stops it
 * cleanly. Runs scripts/start.mjs itself, as `npm start` does.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT, ensureUiBuilt } from './helpers/build-ui';

const dir = mkdtempSync(join(tmpdir(), 'hookscope-start-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('npm start falls back to web mode with a one-line reason, serves the UI and stops on Ctrl-C', async () => {
  await ensureUiBuilt();
  const env: NodeJS.ProcessEnv = { ...process.env, HOOKSCOPE_LOG_LEVEL: 'error' };
  // the fallback this machine really takes: no display (and no Electron runtime)
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  delete env.HOOKSCOPE_WEB;
  const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'start.mjs'), '--no-build', '--data-dir', join(dir, 'data'), '--receiver-port', '0', '--ui-port', '0', '--no-tunnel'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  try {
    const lines: string[] = [];
    const uiUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no web-mode URL within 60 s; stdout: ${lines.join(' | ')}; stderr: ${stderr}`)), 60_000);
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      void exited.then((code) => reject(new Error(`npm start exited (${code}) before web mode: ${lines.join(' | ')} ${stderr}`)));
    });

    const reasons = lines.filter((l) => l.startsWith('Electron cannot start here'));
    assert.equal(reasons.length, 1, `exactly one line says why: ${lines.join(' | ')}`);
    assert.match(reasons[0], /^Electron cannot start here \(.+\): starting web mode instead\.$/);
    assert.match(reasons[0], /display/, 'the reason names what is missing');

    const page = await fetch(uiUrl);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<div id="root">/);

    const url = new URL(uiUrl);
    const token = url.searchParams.get('token') ?? '';
    const status = await fetch(`${url.origin}/api/getStatus`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const body = (await status.json()) as { ok: boolean; value?: { receiverUrl: string } };
    assert.equal(body.ok, true);
    assert.match(body.value?.receiverUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);

    child.kill('SIGINT');
    assert.equal(await exited, 0, `a clean stop; stderr: ${stderr}`);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});
