/**
 * Start-up time of the bundled command line (dist/cli.mjs, rebuilt first so it matches the sources):
 * `hookscope --help` to exit, and `hookscope serve --json` to its first stdout line (the moment it
 * answers), each the median of several runs, next to a bare `node -e ""` measured the same way.
 * Part of `npm run bench`; alone: `node --import tsx bench/startup.ts`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

export interface StartupRow {
  figure: string;
  value: string;
  target: string;
}

const ENV = { ...process.env, HOOKSCOPE_CLI: 'dist', HOOKSCOPE_LOG_LEVEL: 'error', HOOKSCOPE_DATA_KEY: Buffer.alloc(32, 7).toString('base64') };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * CPU milliseconds used by this process's waited-for children (Linux /proc: cutime + cstime), the
 * figure that stays meaningful when other work shares the cores; null elsewhere.
 */
function childrenCpuMs(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

interface Sample {
  wallMs: number;
  cpuMs: number | null;
}

function timeToExit(args: string[]): Sample {
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { env: ENV, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
  const wallMs = performance.now() - started;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${run.status}: ${run.stderr}`);
  const cpuAfter = childrenCpuMs();
  return { wallMs, cpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
}

/** spawn → first stdout line of `serve --json`, then SIGTERM and wait for the exit */
function timeServe(dataDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/hookscope.mjs', 'serve', '--json', '--data-dir', dataDir, '--receiver-port', '0', '--ui-port', '0', '--no-tunnel'], {
    env: ENV,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('serve did not answer within 60 s'));
    }, 60_000);
    createInterface({ input: child.stdout! }).once('line', () => {
      const elapsed = performance.now() - started;
      clearTimeout(timer);
      child.kill('SIGTERM');
      exited.then(() => resolve(elapsed));
    });
  });
}

/** every bench phase runs the bundled command line: it is rebuilt first so it matches the sources */
export function rebuildCli(): void {
  const build = spawnSync(process.execPath, ['--input-type=module', '-e', "import { buildCli } from './scripts/build.mjs'; await buildCli();"], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building dist/cli.mjs failed (see above)');
}

/** the UI the 100k phase drives in Chromium: built from the sources of this run (a checkout may have none, or an old one) */
export function rebuildRenderer(): void {
  const build = spawnSync(process.execPath, ['--input-type=module', '-e', "import { buildRenderer } from './scripts/build.mjs'; buildRenderer();"], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building dist/renderer failed (see above)');
}

export async function benchStartup(runs = 11): Promise<StartupRow[]> {
  const bare: Sample[] = [];
  const help: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(timeToExit(['-e', '']));
    help.push(timeToExit(['bin/hookscope.mjs', '--help']));
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'hookscope-bench-startup-'));
  const serve: number[] = [];
  try {
    await timeServe(dataDir); // the first start creates the database: a returning user's start is measured
    for (let i = 0; i < Math.ceil(runs / 2); i++) serve.push(await timeServe(dataDir));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const ms = (n: number) => `${Math.round(n)} ms`;
  const describe = (samples: Sample[]) => {
    const cpu = samples.map((s) => s.cpuMs);
    const cpuText = cpu.every((c) => c !== null) ? `, CPU ${ms(median(cpu as number[]))}` : '';
    return `${ms(median(samples.map((s) => s.wallMs)))}${cpuText}`;
  };
  return [
    { figure: 'start-up: bare `node -e ""` (median)', value: describe(bare), target: '' },
    { figure: 'start-up: `hookscope --help` (median)', value: describe(help), target: '≤ 300 ms' },
    { figure: 'start-up: `hookscope serve` to its first line (median)', value: ms(median(serve)), target: '≤ 300 ms' },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  rebuildCli();
  for (const row of await benchStartup()) console.log(`${row.figure.padEnd(56)} ${row.value.padEnd(24)} ${row.target}`);
}
