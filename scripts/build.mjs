#!/usr/bin/env node
// `npm run build`: bundles the command line, the Electron main process and the preload with esbuild,
// then the renderer with vite (when vite.config.ts exists).
//   dist/cli.mjs               `hookscope …` for plain Node (ES module); the runtime dependencies stay external
//   dist/electron/main.cjs     main process: Node, CommonJS; electron and the runtime dependencies stay external
//   dist/electron/preload.cjs  one sandbox-compatible CommonJS file that requires nothing but electron
//   dist/derive-worker.cjs, dist/electron/derive-worker.cjs
//   dist/web/serve.mjs         `npm start`'s web mode (startServe), one file: no TypeScript compiled at start
//                              the derive worker thread (electron/core/derive/derive-worker.ts), beside each
//                              Node bundle that starts it (a bundle cannot start a worker from TypeScript)
//   dist/renderer/             the React UI (vite)
// Everything else (zod, ipaddr.js, jsonc-parser, …) is inside the bundles: a devDependency.
// Also imported by scripts/start.mjs (buildAll, isBuildFresh).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

export const OUTPUTS = {
  cli: path.join(ROOT, 'dist/cli.mjs'),
  main: path.join(ROOT, 'dist/electron/main.cjs'),
  preload: path.join(ROOT, 'dist/electron/preload.cjs'),
  cliDeriveWorker: path.join(ROOT, 'dist/derive-worker.cjs'),
  mainDeriveWorker: path.join(ROOT, 'dist/electron/derive-worker.cjs'),
  renderer: path.join(ROOT, 'dist/renderer/index.html'),
  // two levels below the root, like the sources and the other bundles: serve.ts finds dist/renderer from there
  webServe: path.join(ROOT, 'dist/web/serve.mjs'),
};
const VITE_CONFIG = path.join(ROOT, 'vite.config.ts');
const SOURCE_DIRS = ['electron', 'shared', 'renderer'];
const SOURCE_FILES = ['vite.config.ts', 'package.json', 'tsconfig.base.json'];

const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/**
 * What the Node bundles load at run time instead of containing it: exactly package.json's
 * "dependencies" (native addons, and pino, whose transports load files by path), plus optional
 * peers that are never installed. The packaged app's staged package.json lists the same set.
 */
export const RUNTIME_DEPENDENCIES = Object.keys(PACKAGE.dependencies ?? {});
// pg's optional native binding: loaded only through pg.native, which Hookscope never touches
const NEVER_INSTALLED = ['pg-native'];
const NODE_EXTERNALS = [...RUNTIME_DEPENDENCIES, ...NEVER_INSTALLED];

/** The modules the main bundle must not contain: Electron itself and the runtime dependencies. */
export const MAIN_EXTERNALS = ['electron', ...NODE_EXTERNALS];

export function hasRendererConfig() {
  return existsSync(VITE_CONFIG);
}

/**
 * zod's namespace re-exports every locale (≈ 350 KB the process would parse at each start); the
 * messages Hookscope shows are its own, so the bundles keep English only.
 */
const ZOD_ENGLISH_ONLY = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => (/[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-english-only' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({ contents: "export { default as en } from 'zod/v4/locales/en.js';", resolveDir: ROOT, loader: 'js' }));
  },
};

/**
 * Packages whose "main" is a UMD wrapper that requires its parts at run time (a bundle cannot
 * follow that): their ES build instead.
 */
const ES_BUILDS = { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' };

/**
 * dist/cli.mjs: scripts/cli-entry.ts runs the command line's main module (electron/core/cli), so every
 * command it imports is bundled without touching this script. Code splitting puts what a command
 * imports lazily into dist/cli-chunks/, so `--help` parses only the small entry.
 */
/** The derive worker's bundle: the main bundle's options (CommonJS, runtime dependencies external), its own entry, written beside the bundle that starts it. */
export function deriveWorkerBundleOptions(outfile) {
  return { ...mainBundleOptions(), entryPoints: ['electron/core/derive/derive-worker.ts'], outfile, minifyWhitespace: true, minifySyntax: true };
}

/** dist/cli.mjs's options: `buildCli` writes them to dist; the start-up test bundles them in memory. */
export function cliBundleOptions() {
  return {
    absWorkingDir: ROOT,
    entryPoints: [{ in: 'scripts/cli-entry.ts', out: 'cli' }],
    outdir: path.dirname(OUTPUTS.cli),
    outExtension: { '.js': '.mjs' },
    chunkNames: 'cli-chunks/[name]-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: NODE_EXTERNALS,
    alias: ES_BUILDS,
    plugins: [ZOD_ENGLISH_ONLY],
    // bundled CommonJS packages call require(): give each ES module file one
    banner: { js: "import { createRequire as __hookscopeCreateRequire } from 'node:module';\nconst require = __hookscopeCreateRequire(import.meta.url);" },
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
  };
}

export async function buildCli() {
  rmSync(path.join(ROOT, 'dist/cli-chunks'), { recursive: true, force: true });
  await build(cliBundleOptions());
  await build(deriveWorkerBundleOptions(OUTPUTS.cliDeriveWorker));
}

/** dist/web/serve.mjs: the CLI bundle's options for one self-contained file exporting startServe (web mode) */
export function webServeBundleOptions() {
  const shared = { ...cliBundleOptions() };
  // one file, not the CLI's entry and chunks
  for (const key of ['entryPoints', 'outdir', 'outExtension', 'chunkNames']) delete shared[key];
  return { ...shared, entryPoints: ['electron/core/serve.ts'], outfile: OUTPUTS.webServe, splitting: false };
}

export async function buildWebServe() {
  await build(webServeBundleOptions());
}

/** The main-process bundle's options: `buildMain` writes them to dist; the main-wiring test bundles in memory. */
export function mainBundleOptions() {
  return {
    absWorkingDir: ROOT,
    entryPoints: ['electron/main/main.ts'],
    outfile: OUTPUTS.main,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: MAIN_EXTERNALS,
    alias: ES_BUILDS,
    plugins: [ZOD_ENGLISH_ONLY],
    // CommonJS has no import.meta: give the core's `new URL(…, import.meta.url)` the bundle's own URL
    define: { 'import.meta.url': '__hookscopeImportMetaUrl' },
    banner: { js: "var __hookscopeImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
    legalComments: 'none',
    logLevel: 'warning',
  };
}

export async function buildMain() {
  await build(mainBundleOptions());
  await build(deriveWorkerBundleOptions(OUTPUTS.mainDeriveWorker));
}

export async function buildPreload() {
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['electron/preload/preload.ts'],
    outfile: OUTPUTS.preload,
    bundle: true,
    // a sandboxed preload has no Node: platform "browser" makes any node:* import a build error
    platform: 'browser',
    format: 'cjs',
    target: 'chrome140',
    external: ['electron'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  const required = [...readFileSync(OUTPUTS.preload, 'utf8').matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
  const extra = required.filter((name) => name !== 'electron');
  if (extra.length > 0) {
    throw new Error(`The preload bundle requires ${extra.join(', ')}: a sandboxed preload may require only "electron". Remove those imports from electron/preload/.`);
  }
}

export function buildRenderer() {
  if (!hasRendererConfig()) {
    console.log('build: vite.config.ts does not exist yet: skipping the renderer (dist/renderer).');
    return;
  }
  const viteBin = path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js');
  const result = spawnSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build failed (see above): fix the renderer, then run `npm run build` again.');
}

export async function buildAll() {
  await buildCli();
  await buildWebServe();
  await buildMain();
  await buildPreload();
  buildRenderer();
}

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Whether every output exists and is newer than every source (electron/, shared/, renderer/, configs). */
export function isBuildFresh() {
  const outputs = [OUTPUTS.cli, OUTPUTS.cliDeriveWorker, OUTPUTS.webServe, OUTPUTS.main, OUTPUTS.mainDeriveWorker, OUTPUTS.preload, ...(hasRendererConfig() ? [OUTPUTS.renderer] : [])];
  if (!outputs.every((file) => existsSync(file))) return false;
  const oldestOutput = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const newestSource = Math.max(
    ...SOURCE_DIRS.map((dir) => newestMtime(path.join(ROOT, dir))),
    ...SOURCE_FILES.map((file) => (existsSync(path.join(ROOT, file)) ? statSync(path.join(ROOT, file)).mtimeMs : 0)),
  );
  return newestSource < oldestOutput;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const started = Date.now();
    await buildAll();
    console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s → dist/cli.mjs, dist/electron/main.cjs, dist/electron/preload.cjs${hasRendererConfig() ? ', dist/renderer/' : ''}`);
  } catch (error) {
    console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
