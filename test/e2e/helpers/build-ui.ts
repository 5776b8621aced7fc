/**
 * Builds the renderer into dist/renderer when it is missing or older than its sources. Test files run in
 * parallel: a lock directory makes one process build while the others wait for it.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { spawnSync } from 'node:child_process';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const OUT = join(REPO_ROOT, 'dist', 'renderer', 'index.html');
const LOCK = join(REPO_ROOT, 'dist', '.renderer-build.lock');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function isFresh(): boolean {
  let built: number;
  try {
    built = statSync(OUT).mtimeMs;
  } catch {
    return false;
  }
  const sources = Math.max(
    newestMtime(join(REPO_ROOT, 'renderer')),
    newestMtime(join(REPO_ROOT, 'shared')),
    newestMtime(join(REPO_ROOT, 'vite.config.ts')),
  );
  return built >= sources;
}

export async function ensureUiBuilt(): Promise<void> {
  for (;;) {
    if (isFresh()) return;
    mkdirSync(join(REPO_ROOT, 'dist'), { recursive: true });
    let locked = false;
    try {
      mkdirSync(LOCK);
      locked = true;
    } catch {
      // another test file is building: wait for it (a stale lock older than 2 minutes is taken over)
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 120_000) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // gone already
      }
      await delay(200);
      continue;
    }
    try {
      if (isFresh()) return;
      const result = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
      return;
    } finally {
      if (locked) rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
