/** Starts the real `hookscope serve --json` with a temp data dir and config, and stops it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { randomBytes } from 'node:crypto';
import { REPO_ROOT, ensureUiBuilt } from './build-ui';

export interface HookscopeServer {
  receiverUrl: string;
  /** the UI URL with ?token= */
  uiUrl: string;
  uiBase: string;
  token: string;
  dataDir: string;
  /** calls the local API like the UI does; throws on an error envelope */
  api<T = unknown>(method: string, args?: unknown): Promise<T>;
  /** everything the process wrote to stderr so far (for failure messages) */
  stderr(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  config: unknown;
  env?: Record<string, string>;
  /** the UI/API port (default 0: any free port); reuse a stopped server's port to simulate a restart */
  uiPort?: number;
}

export async function startHookscope(options: StartOptions): Promise<HookscopeServer> {
  await ensureUiBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-e2e-'));
  const dataDir = join(dir, 'data');
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(options.config, null, 2));
  const token = randomBytes(16).toString('hex');
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'bin', 'hookscope.mjs'), 'serve', '--json', '--data-dir', dataDir, '--config', configPath, '--receiver-port', '0', '--ui-port', String(options.uiPort ?? 0), '--ui-token', token, '--no-tunnel'],
    { cwd: REPO_ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });

  let first: { receiver: string; ui: string };
  try {
    first = await firstJsonLine(child, () => stderr);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const uiBase = new URL(first.ui).origin;
  let stopping: Promise<void> | null = null;

  return {
    receiverUrl: first.receiver,
    uiUrl: first.ui,
    uiBase,
    token,
    dataDir,
    stderr: () => stderr,
    async api<T>(method: string, args: unknown = {}): Promise<T> {
      const res = await fetch(`${uiBase}/api/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(args),
      });
      const body = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
      if (!body.ok) throw new Error(`${method}: ${body.error?.code}: ${body.error?.message}`);
      return body.value as T;
    },
    stop() {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        }
        rmSync(dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

function firstJsonLine(child: ChildProcess, stderr: () => string): Promise<{ receiver: string; ui: string }> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const onExit = (code: number | null) => reject(new Error(`hookscope serve exited (${code}) before printing its URLs:\n${stderr()}`));
    child.once('exit', onExit);
    lines.once('line', (line) => {
      child.off('exit', onExit);
      try {
        const parsed = JSON.parse(line) as { receiver: string; ui: string };
        resolve(parsed);
      } catch {
        reject(new Error(`the first stdout line is not JSON: ${line}\n${stderr()}`));
      }
      // keep draining stdout so the child never blocks on a full pipe
      child.stdout?.resume();
    });
  });
}
