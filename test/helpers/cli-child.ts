/** Runs `hookscope <command>` as a real child process: to completion, or live with its lines. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { env?: Record<string, string>; input?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/hookscope.mjs', ...args], { env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hookscope ${args.join(' ')} did not finish within ${opts.timeoutMs ?? 60_000} ms: ${stderr}`));
    }, opts.timeoutMs ?? 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

export interface LiveCli {
  child: ChildProcess;
  /** the next stdout line that satisfies the predicate (earlier lines are kept for later calls) */
  line(predicate: (line: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  /** resolves when stderr contains the text */
  stderrHas(text: string, timeoutMs?: number): Promise<void>;
  lines: string[];
  stderr(): string;
  stop(): Promise<number | null>;
}

export function startCli(args: string[], env: Record<string, string> = {}): LiveCli {
  const child = spawn(process.execPath, ['bin/hookscope.mjs', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  const waiters = new Set<() => void>();
  const wake = () => [...waiters].forEach((w) => w());
  createInterface({ input: child.stdout! }).on('line', (l) => {
    lines.push(l);
    wake();
  });
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
    wake();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  exited.then(wake);
  const consumed = new Set<number>();

  function waitFor<T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const found = check();
        if (found !== undefined) {
          waiters.delete(attempt);
          clearTimeout(timer);
          resolve(found);
        } else if (child.exitCode !== null) {
          waiters.delete(attempt);
          clearTimeout(timer);
          reject(new Error(`hookscope ${args[0]} exited (${child.exitCode}) before ${what}; stdout: ${lines.join('\n')}; stderr: ${stderr}`));
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(attempt);
        reject(new Error(`no ${what} within ${timeoutMs} ms; stdout: ${lines.join('\n')}; stderr: ${stderr}`));
      }, timeoutMs);
      waiters.add(attempt);
      attempt();
    });
  }

  return {
    child,
    lines,
    stderr: () => stderr,
    line(predicate, what, timeoutMs = 30_000) {
      return waitFor(() => {
        const i = lines.findIndex((l, n) => !consumed.has(n) && predicate(l));
        if (i < 0) return undefined;
        consumed.add(i);
        return lines[i];
      }, what, timeoutMs);
    },
    stderrHas(text, timeoutMs = 30_000) {
      return waitFor(() => (stderr.includes(text) ? true : undefined), `"${text}" on stderr`, timeoutMs).then(() => undefined);
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}
