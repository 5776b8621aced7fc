/**
 * Installs a packed hookscope tarball into an empty folder the way a user's `npm ci` would, but
 * offline: that folder's package-lock is cut from this repository's (scripts/lib/runtime-lock.ts),
 * so npm takes every tarball from its cache and never asks the registry. Install scripts are skipped and better-sqlite3's compiled
 * addon is copied from this checkout (same Node ABI), which saves its ~75 s compile.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { readRootPackage, REPO_ROOT as REPO, runtimeLockEntries } from '../../scripts/lib/runtime-lock';
import { ensureUiBuilt } from '../e2e/helpers/build-ui';

export interface PackResult {
  tarball: string;
  files: string[];
  size: number;
}

/**
 * `npm pack` into `dir`, of a dist/ already built (ensureBuilt): its prepack would rebuild dist/renderer
 * from scratch while other test files serve it.
 */
export function packInto(dir: string): PackResult {
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
  const [info] = JSON.parse(out) as Array<{ filename: string; size: number; files: Array<{ path: string }> }>;
  return { tarball: join(dir, info.filename), files: info.files.map((f) => f.path), size: info.size };
}

/** dist/ as `npm run build` makes it: the UI only when stale (shared with the e2e tests), the Node bundles always. */
export async function ensureBuilt(): Promise<void> {
  await ensureUiBuilt();
  execFileSync(process.execPath, ['--input-type=module', '-e', "const b = await import('./scripts/build.mjs'); await b.buildCli(); await b.buildMain(); await b.buildPreload();"], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
}

export function installOffline(tarball: string, projectDir: string): void {
  mkdirSync(projectDir, { recursive: true });
  const local = join(projectDir, basename(tarball));
  copyFileSync(tarball, local);
  const pkg = readRootPackage();
  const integrity = `sha512-${execFileSync('openssl', ['dgst', '-sha512', '-binary', local]).toString('base64')}`;
  const spec = `file:${basename(tarball)}`;
  writeFileSync(join(projectDir, 'package.json'), `${JSON.stringify({ name: 'hookscope-install-check', private: true, dependencies: { hookscope: spec } }, null, 2)}\n`);
  const lock = {
    name: 'hookscope-install-check',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'hookscope-install-check', dependencies: { hookscope: spec } },
      'node_modules/hookscope': { version: pkg.version, resolved: spec, integrity, license: pkg.license, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines },
      ...runtimeLockEntries(),
    },
  };
  writeFileSync(join(projectDir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  execFileSync('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: projectDir, stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
  const addon = join(dirname(createRequire(join(REPO, 'package.json')).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
  const target = join(projectDir, 'node_modules', 'better-sqlite3', 'build', 'Release');
  mkdirSync(target, { recursive: true });
  copyFileSync(addon, join(target, 'better_sqlite3.node'));
}
