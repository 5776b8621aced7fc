/** instance.json: written by a running `serve` (mode 0600), removed on exit, a stale one ignored. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildServe } from '../../../helpers/child-serve';

function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

test('serve writes instance.json (0600) that names it, refuses a second serve on the same data dir, and removes the file on exit', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hookscope-instance-'));
  try {
    // a stale file left by a crashed instance does not stop a new one
    writeFileSync(join(dataDir, 'instance.json'), JSON.stringify({ pid: deadPid(), ui: 'http://127.0.0.1:1', token: 'x'.repeat(20), receiver: 'http://127.0.0.1:1' }));
    const serve = await startChildServe(['--data-dir', dataDir], {});
    const path = join(dataDir, 'instance.json');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const info = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    assert.equal(info.pid, serve.child.pid);
    assert.equal(info.receiver, serve.receiver);
    const ui = new URL(serve.ui);
    assert.equal(info.ui, ui.origin);
    assert.equal(info.token, ui.searchParams.get('token'));

    const second = spawnSync(process.execPath, ['bin/hookscope.mjs', 'serve', '--data-dir', dataDir, '--receiver-port', '0', '--no-tunnel'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(second.status, 1);
    assert.match(second.stderr.trim(), new RegExp(`^hookscope: Hookscope is already running on .* \\(pid ${serve.child.pid}, UI http://127\\.0\\.0\\.1:\\d+\\): stop it, or choose another --data-dir$`));

    serve.child.kill('SIGTERM');
    assert.equal(await serve.exited, 0);
    assert.equal(existsSync(path), false, 'removed on exit');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
