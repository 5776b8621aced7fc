/**
 * Installs a packed hookscope tarball into an empty folder the way a user's `npm ci` would, but
 * offline: a package-lock for that folder is cut from this repository's lock (the runtime
 * dependencies' closure: same versions, tarball URLs and integrity), so npm takes every tarball from
 * its cache and never asks the registry. Install scripts are skipped and better-sqlite3's compiled
 * addon is copied from this checkout (same Node ABI), which saves its ~75 s compile.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

const REPO = join(import.meta.dirname, '..', '..');

/** Where node would find `name` from the package at `from` (a lock path), walking up node_modules. */
function resolveIn(packages: Record<string, LockEntry>, name: string, from: string): string | null {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return null;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

/** The lock entries of `roots` and everything they need at run time (optional platform packages included). */
function runtimeClosure(packages: Record<string, LockEntry>, roots: string[]): Record<string, LockEntry> {
  const out: Record<string, LockEntry> = {};
  const queue: Array<[string, string]> = roots.map((name) => [name, '']);
  while (queue.length > 0) {
    const [name, from] = queue.shift()!;
    const path = resolveIn(packages, name, from);
    if (!path || out[path]) continue;
    out[path] = packages[path];
    const entry = packages[path];
    const required = { ...entry.dependencies, ...entry.optionalDependencies };
    for (const [peer] of Object.entries(entry.peerDependencies ?? {})) if (!entry.peerDependenciesMeta?.[peer]?.optional) required[peer] = '*';
    for (const dep of Object.keys(required)) queue.push([dep, path]);
  }
  return out;
}

export interface PackResult {
  tarball: string;
  files: string[];
  size: number;
}

/** `npm pack` (its prepack builds dist/) into `dir`. */
export function packInto(dir: string): PackResult {
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
  // the prepack build logs on stdout too: the JSON is the array at the end
  const [info] = JSON.parse(out.slice(out.search(/^\[/m))) as Array<{ filename: string; size: number; files: Array<{ path: string }> }>;
  return { tarball: join(dir, info.filename), files: info.files.map((f) => f.path), size: info.size };
}

export function installOffline(tarball: string, projectDir: string): void {
  mkdirSync(projectDir, { recursive: true });
  const local = join(projectDir, basename(tarball));
  copyFileSync(tarball, local);
  const rootLock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string>; bin: Record<string, string>; engines: Record<string, string>; license: string };
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
      ...runtimeClosure(rootLock.packages, Object.keys(pkg.dependencies)),
    },
  };
  writeFileSync(join(projectDir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  execFileSync('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: projectDir, stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
  const addon = join(dirname(createRequire(join(REPO, 'package.json')).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
  const target = join(projectDir, 'node_modules', 'better-sqlite3', 'build', 'Release');
  mkdirSync(target, { recursive: true });
  copyFileSync(addon, join(target, 'better_sqlite3.node'));
}
