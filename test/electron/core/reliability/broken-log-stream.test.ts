/**
 * Issue 13, "done when": with stderr on /dev/full (and stdout too, or stderr a closed pipe), the
 * receiver answers every delivery for as long as it runs. The run makes the logger write all along
 * (--log-level debug, tunnel switched off and on through the API between deliveries), then stops
 * cleanly on SIGTERM with every delivery stored.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blackboxEvent } from '../../../helpers/blackbox-event';

const SECRET = 'broken-log-secret-0123456789abcdefgh';
const DELIVERIES = 24;

type Case = { name: string; stdout: 'full' | 'pipe'; stderr: 'full' | 'closed-pipe' };
const CASES: Case[] = [
  { name: 'stderr on /dev/full', stdout: 'pipe', stderr: 'full' },
  { name: 'stdout and stderr on /dev/full', stdout: 'full', stderr: 'full' },
  { name: 'stderr a pipe nobody reads (EPIPE)', stdout: 'pipe', stderr: 'closed-pipe' },
];

async function waitFor<T>(what: string, probe: () => T | null, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function api(ui: string, token: string, method: string, args: unknown): Promise<unknown> {
  const res = await fetch(`${ui}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(args) });
  const body = (await res.json()) as { ok: boolean; value: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value;
}

for (const c of CASES) {
  test(`${c.name}: every delivery answered, clean stop`, { skip: !existsSync('/dev/full') && 'needs /dev/full' }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookscope-brokenlog-'));
    const dataDir = join(dir, 'data');
    const configPath = join(dir, 'config.json');
    writeFileSync(configPath, JSON.stringify({ sources: [{ id: 'blackbox', provider: 'blackbox', secrets: ['env:BB'], rateLimit: null }] }));
    const full = openSync('/dev/full', 'w');
    const child = spawn(
      process.execPath,
      ['bin/hookscope.mjs', 'serve', '--data-dir', dataDir, '--config', configPath, '--receiver-port', '0', '--ui-port', '0', '--tunnel', '--log-level', 'debug', '--log-format', 'json'],
      {
        env: { ...process.env, BB: SECRET, HOOKSCOPE_TUNNEL_PROVIDER: 'fake', HOOKSCOPE_DATA_KEY: Buffer.alloc(32, 4).toString('base64') },
        stdio: ['ignore', c.stdout === 'full' ? full : 'pipe', c.stderr === 'full' ? full : 'pipe'],
      },
    );
    closeSync(full);
    if (c.stderr === 'closed-pipe') child.stderr!.destroy();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let exitCode: number | null | undefined;
    void exited.then((code) => (exitCode = code));
    try {
      const info = await waitFor('instance.json', () => {
        if (exitCode !== undefined) throw new Error(`serve exited with ${exitCode} before it started`);
        try {
          return JSON.parse(readFileSync(join(dataDir, 'instance.json'), 'utf8')) as { ui: string; token: string; receiver: string };
        } catch {
          return null;
        }
      });
      const statuses: number[] = [];
      for (let i = 0; i < DELIVERIES; i++) {
        if (i % 6 === 3) await api(info.ui, info.token, 'setTunnel', { enabled: i % 12 !== 3 }); // logs tunnel lines
        const e = blackboxEvent(i % 4 === 0 ? 'wrong-secret' : SECRET);
        const res = await fetch(`${info.receiver}/hooks/blackbox`, { method: 'POST', headers: e.headers, body: e.body });
        statuses.push(res.status);
        await res.arrayBuffer();
      }
      assert.equal(exitCode, undefined, 'still running');
      assert.deepEqual(statuses, Array.from({ length: DELIVERIES }, (_, i) => (i % 4 === 0 ? 401 : 200)));
      const listed = (await api(info.ui, info.token, 'listDeliveries', { limit: 100 })) as { items: unknown[] };
      assert.equal(listed.items.length, DELIVERIES);
      const health = await fetch(`${info.receiver}/healthz`);
      assert.equal(health.status, 200);
      child.kill('SIGTERM');
      assert.equal(await exited, 0, 'a clean stop');
    } finally {
      if (exitCode === undefined) child.kill('SIGKILL');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
