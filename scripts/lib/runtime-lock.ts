/**
 * A package-lock for a folder that installs only Hookscope's runtime dependencies, cut from the
 * repository's lock: the same versions, tarball URLs and integrity, so `npm ci` there is
 * reproducible (and can run offline from npm's cache). Used to stage the Electron app
 * (scripts/stage-app.ts) and by the npm package test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

export const REPO_ROOT = join(import.meta.dirname, '..', '..');

export interface RootPackage {
  name: string;
  version: string;
  description: string;
  license: string;
  author: { name: string; email: string };
  homepage: string;
  engines: Record<string, string>;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
}

export function readRootPackage(): RootPackage {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as RootPackage;
}

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

/** The lock entries of the runtime dependencies and all they need (optional platform packages included). */
export function runtimeLockEntries(): Record<string, LockEntry> {
  const { packages } = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const out: Record<string, LockEntry> = {};
  const queue: Array<[string, string]> = Object.keys(readRootPackage().dependencies).map((name) => [name, '']);
  while (queue.length > 0) {
    const [name, from] = queue.shift()!;
    const path = resolveIn(packages, name, from);
    if (!path || out[path]) continue;
    const entry = packages[path];
    out[path] = entry;
    const required = { ...entry.dependencies, ...entry.optionalDependencies };
    for (const peer of Object.keys(entry.peerDependencies ?? {})) if (!entry.peerDependenciesMeta?.[peer]?.optional) required[peer] = '*';
    for (const dep of Object.keys(required)) queue.push([dep, path]);
  }
  return out;
}
