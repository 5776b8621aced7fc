/**
 * What users install, in one file so its builds never race: the npm package (`npm pack`, its file
 * list and size, an install into an empty folder, `npx hookscope serve --json` from there through one
 * delivery signed by GitHub's own signing library) and the desktop app as electron-builder stages and
 * packs it (staged package.json, the files inside app.asar, the config's validation).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { before, test } from 'node:test';
import { sign } from '@octokit/webhooks-methods';
import { apiCall } from '../helpers/child-serve';
import { ensureBuilt, installOffline, packInto } from '../helpers/offline-install';
import { readRootPackage, runtimeLockEntries } from '../../scripts/lib/runtime-lock';
import { stageApp, stagedPackageJson } from '../../scripts/stage-app';

/** What may ship: what runs, and what npm always adds (package.json, README, LICENSE, the "main" file). */
const SHIPPED = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^bin\/hookscope\.mjs$/, /^dist\/cli\.mjs$/, /^dist\/cli-chunks\/[\w-]+\.mjs$/, /^dist\/derive-worker\.cjs$/, /^dist\/renderer\//, /^dist\/electron\/main\.cjs$/];

before(ensureBuilt, { timeout: 600_000 });

test('package.json builds before packing and ships what it runs', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };
  assert.equal(pkg.scripts.prepack, 'npm run build');
  assert.equal(pkg.bin.hookscope, 'bin/hookscope.mjs');
  // no transpiler or bundled library among what installs with the package
  assert.deepEqual(Object.keys(readRootPackage().dependencies).sort(), ['@ngrok/ngrok', 'better-sqlite3', 'pino']);
});

test('`hookscope --help` loads only the small entry of the CLI bundle: commands import what they run inside run()', () => {
  // follow dist/cli.mjs's static imports of its own chunks: what every start parses before main() runs
  const seen = new Map<string, number>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    seen.set(file, text.length);
    for (const match of text.matchAll(/\bimport\s*(?:[^'"();]*?from\s*)?["'](\.[^"']+)["']/g)) visit(join(dirname(file), match[1]));
  };
  visit(join(process.cwd(), 'dist', 'cli.mjs'));
  const bytes = [...seen.values()].reduce((a, b) => a + b, 0);
  assert.ok(seen.size >= 1 && bytes > 1000, 'the entry was read');
  assert.ok(bytes < 100_000, `--help parses ${bytes} bytes in ${seen.size} files: a command imports something heavy at the top instead of inside run()`);
  const statically = [...seen.keys()].map((file) => readFileSync(file, 'utf8')).join('\n');
  for (const heavy of ['better-sqlite3', '@modelcontextprotocol', 'ZodError']) assert.ok(!statically.includes(heavy), `${heavy} loads at every start`);
});

test('the packed tarball holds only what runs, installs into an empty folder and serves a verified delivery', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-npm-package-'));
  try {
    const pack = packInto(dir);
    const stray = pack.files.filter((file) => !SHIPPED.some((pattern) => pattern.test(file)));
    assert.deepEqual(stray, [], 'files in the tarball that do not run');
    for (const needed of ['bin/hookscope.mjs', 'dist/cli.mjs', 'dist/derive-worker.cjs', 'dist/renderer/index.html', 'LICENSE', 'README.md']) assert.ok(pack.files.includes(needed), needed);
    assert.ok(pack.size <= 5 * 1024 * 1024, `tarball is ${pack.size} bytes, over 5 MB`);

    const project = join(dir, 'project');
    installOffline(pack.tarball, project);

    const dataDir = join(dir, 'data');
    const config = join(dir, 'hookscope.jsonc');
    writeFileSync(config, '{\n  // one GitHub source\n  "sources": [{ "id": "gh", "provider": "github", "secrets": ["env:GH_HOOK_SECRET"] }],\n}\n');
    const secret = 'package-test-secret';
    const child = spawn('npx', ['--no', 'hookscope', 'serve', '--json', '--config', config, '--data-dir', dataDir, '--receiver-port', '0', '--ui-port', '0', '--no-tunnel'], {
      cwd: project,
      env: { ...process.env, GH_HOOK_SECRET: secret, HOOKSCOPE_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // its own process group: Ctrl-C in a terminal reaches npx and hookscope alike, so does this test's
      detached: true,
    });
    const interrupt = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // the group has exited
      }
    };
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const first = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve printed nothing within 120 s: ${stderr}`)), 120_000);
        createInterface({ input: child.stdout }).once('line', (line) => {
          clearTimeout(timer);
          resolve(line);
        });
        exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
      });
      const { receiver, ui } = JSON.parse(first) as { receiver: string; ui: string };
      assert.ok(existsSync(join(dataDir, 'instance.json')), 'a running serve announces itself in instance.json');

      const body = JSON.stringify({ zen: 'Design for failure.', hook_id: 1 });
      const answer = await fetch(`${receiver}/hooks/gh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': 'ping', 'x-github-delivery': 'package-delivery-1', 'x-hub-signature-256': await sign(secret, body) },
        body,
      });
      assert.equal(answer.status, 200, await answer.clone().text());
      assert.deepEqual(await answer.json(), { success: true });

      const list = await apiCall<{ items: Array<{ verdict: string; checks: Array<{ id: string; outcome: string }> }> }>(ui, 'listDeliveries', {});
      assert.equal(list.items.length, 1);
      assert.equal(list.items[0].verdict, 'verified');
      assert.equal(list.items[0].checks.find((c) => c.id === 'signature')?.outcome, 'pass');
      // the installed bundle started the derive worker from dist/derive-worker.cjs (not the main-thread fallback)
      assert.equal((await apiCall<{ deriver?: string }>(ui, 'getStatus', {})).deriver, 'worker');

      // the UI comes from the package's own dist/renderer
      const page = await fetch(ui);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<div id="root">/);
    } finally {
      interrupt('SIGINT');
    }
    // hookscope's clean stop (requests finished, database closed) shows as its instance file removed
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 60_000))]);
    const deadline = Date.now() + 60_000;
    while (existsSync(join(dataDir, 'instance.json')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = !existsSync(join(dataDir, 'instance.json'));
    if (!stopped) interrupt('SIGKILL');
    assert.ok(stopped, `serve did not stop cleanly: ${stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the staged Electron app lists exactly the runtime dependencies, with the metadata deb and rpm need', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-stage-'));
  try {
    stageApp(dir);
    const staged = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(staged, stagedPackageJson());
    assert.deepEqual(staged.dependencies, readRootPackage().dependencies);
    assert.equal(staged.main, 'dist/electron/main.cjs');
    assert.equal(staged.devDependencies, undefined);
    assert.match((staged.author as { email: string }).email, /^[^@\s]+@[^@\s]+\.[a-z]+$/);
    assert.match(staged.homepage as string, /^https:\/\//);
    // every module the main bundle loads at run time is Electron, Node's own, or a staged dependency
    const main = readFileSync(join(dir, 'dist/electron/main.cjs'), 'utf8');
    const required = new Set([...main.matchAll(/\brequire\("([^"./][^"]*)"\)/g)].map((m) => m[1].split('/').slice(0, m[1].startsWith('@') ? 2 : 1).join('/')));
    // pg-native: pg's optional binding, required only through pg.native (never used), so never installed
    const foreign = [...required].filter((name) => !['electron', 'pg-native'].includes(name) && !builtinModules.includes(name.replace(/^node:/, '')) && !(name in readRootPackage().dependencies));
    assert.deepEqual(foreign, [], 'modules the packaged app would not find');
    assert.ok(required.has('better-sqlite3'), 'the scan found the native module');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('electron-builder validates the config, and what it puts in app.asar is the app and its runtime dependencies only', async () => {
  const { getConfig, validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as typeof import('app-builder-lib/out/util/config/config');
  const { DebugLogger } = await import('builder-util');
  const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
  await validateConfiguration(config, new DebugLogger(false));
  await assert.rejects(validateConfiguration({ ...config, linux: { ...config.linux, maintainerr: 'typo' } as never }, new DebugLogger(false)), /configuration\.linux/);
  // native modules are rebuilt where the app is staged, never in the repository's node_modules
  assert.equal(config.directories?.app, 'out/app');
  assert.equal(config.npmRebuild, true);
  assert.match(config.linux?.maintainer ?? '', /<[^@\s]+@[^@\s]+>/);
  for (const icon of [config.linux?.icon, config.mac?.icon, config.win?.icon]) assert.match(String(icon), /^out\/icons/);

  const dir = mkdtempSync(join(tmpdir(), 'hookscope-asar-'));
  try {
    const app = stageApp(join(dir, 'app'));
    execFileSync('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
    // a stand-in for the Electron binary (it cannot be downloaded here); everything else is electron-builder's own run
    const electronDist = join(dir, 'electron-dist');
    mkdirSync(join(electronDist, 'resources'), { recursive: true });
    writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const { build, Platform } = await import('electron-builder');
    await build({
      projectDir: process.cwd(),
      targets: Platform.LINUX.createTarget('dir'),
      // no native rebuild (needs Electron's headers) and no fuses (need the real binary) in this check
      config: { directories: { app, output: join(dir, 'release') }, electronDist, electronVersion: '45.4.1', npmRebuild: false, electronFuses: null } as never,
    });
    const { listPackage } = await import('@electron/asar');
    const entries = listPackage(join(dir, 'release', 'linux-unpacked', 'resources', 'app.asar'), { isPack: false }).map((entry) => entry.replaceAll('\\', '/'));
    const ownFiles = entries.filter((entry) => !entry.startsWith('/node_modules'));
    const expectedOwn = ['/package.json', '/dist', '/dist/electron', '/dist/electron/main.cjs', '/dist/electron/derive-worker.cjs', '/dist/electron/preload.cjs', '/dist/renderer', '/dist/renderer/index.html'];
    for (const file of expectedOwn) assert.ok(ownFiles.includes(file), `${file} is in app.asar`);
    assert.deepEqual(ownFiles.filter((file) => !expectedOwn.includes(file) && !file.startsWith('/dist/renderer/')), [], 'files in app.asar that are not the app');
    // the package names at node_modules/<name> or node_modules/@scope/<name>
    const topModules = new Set(
      entries
        .filter((entry) => entry.startsWith('/node_modules/'))
        .map((entry) => entry.split('/').slice(2))
        .filter((parts) => parts.length > 0 && (!parts[0].startsWith('@') || parts.length > 1))
        .map((parts) => parts.slice(0, parts[0].startsWith('@') ? 2 : 1).join('/'))
        .filter((name) => name !== ''),
    );
    // every package of the runtime closure, wherever npm nested it (electron-builder may hoist it)
    const allowed = new Set(Object.keys(runtimeLockEntries()).map((path) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)));
    assert.deepEqual([...topModules].filter((name) => !allowed.has(name)), [], 'modules in app.asar that are not runtime dependencies');
    for (const name of ['better-sqlite3', '@ngrok/ngrok', 'pino']) assert.ok(topModules.has(name), name);
    assert.ok(!topModules.has('electron') && !topModules.has('tsx') && !topModules.has('zod'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
