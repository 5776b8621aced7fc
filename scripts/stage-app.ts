/**
 * Stages the desktop app for electron-builder in out/app, its own directory with its own
 * package.json (electron-builder's two-package.json structure): the built main process, preload and
 * UI, and a package.json whose dependencies are exactly the runtime ones (the modules the bundles
 * leave external). `npm ci` there installs them from a lock cut from the repository's, and
 * electron-builder rebuilds the native ones for Electron's ABI there — never in the dev
 * node_modules, which stays built for Node (tests, the CLI).
 */
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRootPackage, REPO_ROOT, runtimeLockEntries } from './lib/runtime-lock';

export const STAGE_DIR = join(REPO_ROOT, 'out', 'app');
/** What the app runs, relative to the repository and to the stage alike. */
export const STAGED_PATHS = ['dist/electron/main.cjs', 'dist/electron/derive-worker.cjs', 'dist/electron/preload.cjs', 'dist/renderer'];

export function stagedPackageJson(): Record<string, unknown> {
  const root = readRootPackage();
  return {
    name: root.name,
    productName: 'Hookscope',
    version: root.version,
    description: root.description,
    license: root.license,
    author: root.author,
    homepage: root.homepage,
    main: 'dist/electron/main.cjs',
    dependencies: root.dependencies,
  };
}

export function stageApp(dir = STAGE_DIR): string {
  for (const path of STAGED_PATHS) {
    if (!existsSync(join(REPO_ROOT, path))) throw new Error(`${path} is missing: run \`npm run build\` first`);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const path of STAGED_PATHS) cpSync(join(REPO_ROOT, path), join(dir, path), { recursive: true });
  const pkg = stagedPackageJson();
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  const lock = { name: pkg.name, version: pkg.version, lockfileVersion: 3, requires: true, packages: { '': { name: pkg.name, version: pkg.version, license: pkg.license, dependencies: pkg.dependencies }, ...runtimeLockEntries() } };
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  return dir;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  console.log(`staged the app in ${stageApp()}`);
}
