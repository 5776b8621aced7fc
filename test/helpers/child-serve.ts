/** Runs `hookscope serve --json` as a real child process (for kill -9 and shutdown tests). */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildServe {
  child: ChildProcess;
  receiver: string;
  ui: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

export function startChildServe(args: string[], env: Record<string, string>): Promise<ChildServe> {
  const child = spawn(process.execPath, ['bin/hookscope.mjs', 'serve', '--json', '--receiver-port', '0', '--ui-port', '0', '--no-tunnel', ...args], {
    env: { ...process.env, HOOKSCOPE_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start within 60 s: ${stderr}`));
    }, 60_000);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      const info = JSON.parse(line) as { receiver: string; ui: string };
      resolve({ child, receiver: info.receiver, ui: info.ui, stderr: () => stderr, exited });
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before it started: ${stderr}`));
    });
  });
}

export type ApiEnvelope<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; details?: unknown } };

/** one call of a running instance's API; token: a person's token instead of the one in the UI URL */
export async function apiResult<T>(ui: string, method: string, args: unknown, token?: string): Promise<ApiEnvelope<T>> {
  const url = new URL(ui);
  const res = await fetch(`${url.origin}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token ?? url.searchParams.get('token')}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  return (await res.json()) as ApiEnvelope<T>;
}

export async function apiCall<T>(ui: string, method: string, args: unknown): Promise<T> {
  const json = await apiResult<T>(ui, method, args);
  if (!json.ok) throw new Error(`${method}: ${json.error.message}`);
  return json.value;
}
