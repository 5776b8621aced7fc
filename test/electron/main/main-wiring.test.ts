/**
 * Runs the real bundled main process (esbuild, like `npm run build`) against a fake `electron`
 * module and the real core: lifecycle, window, protocol, IPC, keystore and clean quit, wired up.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { build, type BuildOptions } from 'esbuild';
import { pathToFileURL } from 'node:url';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../../shared/api-methods';
import { findInstance } from '../../../electron/core/instance/find-instance';
import { instanceFilePath } from '../../../electron/core/instance/instance-file';
import { createFakeElectron } from './fake-electron';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'hookscope-main-wiring-'));
const fake = createFakeElectron({ userData: dataDir });
const savedEnv = { ...process.env };

type ModuleInternals = typeof Module & {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
  _nodeModulePaths(dir: string): string[];
};
const internals = Module as ModuleInternals;
const originalLoad = internals._load;

before(async () => {
  // the same options as `npm run build` (one definition in scripts/build.mjs), bundled in memory
  const { mainBundleOptions, deriveWorkerBundleOptions } = (await import(pathToFileURL(path.join(ROOT, 'scripts/build.mjs')).href)) as {
    mainBundleOptions(): BuildOptions;
    deriveWorkerBundleOptions(outfile: string): BuildOptions;
  };
  const bundle = await build({ ...mainBundleOptions(), write: false, logLevel: 'silent' });
  // the derive worker the bundle starts from beside itself, built as `npm run build` does
  await build({ ...deriveWorkerBundleOptions(path.join(ROOT, 'dist/electron/derive-worker.cjs')), logLevel: 'silent' });
  process.env.HOOKSCOPE_RECEIVER_PORT = '0';
  process.env.HOOKSCOPE_TUNNEL_PROVIDER = 'fake';
  delete process.env.HOOKSCOPE_DATA_DIR;
  delete process.env.HOOKSCOPE_CONFIG;
  internals._load = function load(request: string, parent: unknown, isMain: boolean) {
    if (request === 'electron') return fake.electron;
    return originalLoad.call(this, request, parent, isMain);
  };
  const filename = path.join(ROOT, 'dist/electron/main.cjs');
  const mod = new Module(filename) as Module & { _compile(code: string, filename: string): void };
  mod.filename = filename;
  mod.paths = internals._nodeModulePaths(path.dirname(filename));
  mod._compile(bundle.outputFiles[0].text, filename);
});

after(() => {
  internals._load = originalLoad;
  process.env = savedEnv;
  rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(probe: () => T | undefined | null | false, what: string): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('before ready: app:// is privileged, the sandbox is forced, single-instance lock held', () => {
  assert.deepEqual(fake.record.privilegedSchemes, [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
  assert.equal(fake.record.sandboxEnabled, true);
  assert.equal(fake.record.windows.length, 0, 'no window before ready');
  for (const event of ['second-instance', 'open-url', 'web-contents-created', 'before-quit', 'window-all-closed']) {
    assert.ok(fake.electron.app.handlers.has(event), event);
  }
  assert.equal(fake.record.protocolClients[0]?.[0], 'hookscope', 'hookscope:// links are registered');
  // a link that starts the app (macOS open-url before ready) waits for the window
  let prevented = false;
  fake.electron.app.emit('open-url', { preventDefault: () => void (prevented = true) }, 'hookscope://settings');
  assert.equal(prevented, true);
  assert.equal(fake.record.windows.length, 0);
});

test('on ready: core started, window created securely, UI loaded from app://, IPC answers', async () => {
  fake.fireReady();
  const win = await until(() => fake.record.windows[0], 'the window');
  const web = win.options.webPreferences as Record<string, unknown>;
  assert.equal(web.contextIsolation, true);
  assert.equal(web.sandbox, true);
  assert.equal(web.nodeIntegration, false);
  assert.equal(web.preload, path.join(ROOT, 'dist/electron/preload.cjs'));
  assert.equal(win.options.show, false);
  assert.equal(win.loadedUrl, 'app://hookscope/index.html#/settings', 'the UI, on the view the starting link asked for');
  assert.ok(fake.record.protocolHandlers.has('app'));
  assert.equal(fake.record.menus.length, 1);
  assert.equal(fake.record.errorBoxes.length, 0, fake.record.errorBoxes.join('\n'));

  win.emit('ready-to-show');
  assert.equal(win.shown, true);

  const handler = fake.record.ipcHandlers.get(IPC_INVOKE_CHANNEL);
  assert.ok(handler, 'the invoke channel is served');
  const mainFrame = { url: 'app://hookscope/index.html', parent: null };
  const status = (await handler({ sender: win.webContents, senderFrame: mainFrame }, 'getStatus', {})) as { ok: boolean; value: { receiverUrl: string; dataDir: string; deriver?: string } };
  assert.equal(status.ok, true, JSON.stringify(status));
  assert.match(status.value.receiverUrl, /^http:\/\/127\.0\.0\.1:\d+/);
  // the bundle started the derive worker from dist/electron/derive-worker.cjs, not the main-thread fallback
  assert.equal(status.value.deriver, 'worker');
  const forbidden = (await handler({ sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } }, 'getStatus', {})) as { ok: boolean; error: { code: string } };
  assert.equal(forbidden.error.code, 'forbidden_sender');
  const bad = (await handler({ sender: win.webContents, senderFrame: mainFrame }, 'listAudit', { limit: -1 })) as { ok: boolean; error: { code: string; message: string } };
  assert.equal(bad.error.code, 'invalid_argument');
  assert.match(bad.error.message, /limit/);
});

test('command-line tools find the app: instance.json (0600) names this process, and its loopback API answers with the token', async () => {
  const file = await until(() => existsSync(instanceFilePath(dataDir)) && instanceFilePath(dataDir), 'instance.json');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const found = await findInstance(dataDir);
  assert.ok(found.ok, found.ok ? '' : found.reason);
  assert.equal(found.info.pid, process.pid);
  assert.match(found.info.ui, /^http:\/\/127\.0\.0\.1:\d+$/);
  // the same core as the window's: the receiver the IPC getStatus reports
  const res = await fetch(`${found.info.ui}/api/getStatus`, { method: 'POST', headers: { authorization: `Bearer ${found.info.token}`, 'content-type': 'application/json' }, body: '{}' });
  const status = (await res.json()) as { ok: boolean; value: { receiverUrl: string } };
  assert.equal(status.value.receiverUrl, found.info.receiver);
  const refused = await fetch(`${found.info.ui}/api/getStatus`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(refused.status, 401, 'no token, no answer');
  await refused.arrayBuffer();
});

test('the data key is kept encrypted by safeStorage in userData/data.key.enc', async () => {
  await until(() => existsSync(path.join(dataDir, 'data.key.enc')), 'data.key.enc');
});

test('core events reach the window; the tunnel URL goes in the title', async () => {
  const win = fake.record.windows[0];
  const handler = fake.record.ipcHandlers.get(IPC_INVOKE_CHANNEL);
  assert.ok(handler);
  const mainFrame = { url: 'app://hookscope/index.html', parent: null };
  const answer = (await handler({ sender: win.webContents, senderFrame: mainFrame }, 'setTunnel', { enabled: true })) as { ok: boolean };
  assert.equal(answer.ok, true, JSON.stringify(answer));
  await until(() => win.sent.some((m) => m.channel === IPC_EVENT_CHANNEL && (m.payload as { type: string }).type === 'tunnelStatusChanged'), 'a tunnelStatusChanged event');
  type Status = { value: { tunnel: { state: string; url: string | null } } };
  let status = (await handler({ sender: win.webContents, senderFrame: mainFrame }, 'getStatus', {})) as Status;
  for (let i = 0; i < 200 && status.value.tunnel.state !== 'online'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    status = (await handler({ sender: win.webContents, senderFrame: mainFrame }, 'getStatus', {})) as Status;
  }
  assert.equal(status.value.tunnel.state, 'online', 'the fake tunnel comes online');
  const url = status.value.tunnel.url;
  assert.ok(url);
  await until(() => win.title === `Hookscope — ${url}`, `the tunnel URL in the title (title: ${win.title})`);
});

test('a hookscope:// link opens its route in the window and focuses it; a bad link changes nothing', async () => {
  const win = fake.record.windows[0];
  const focused = fake.record.focusCalls;
  // Windows and Linux: the link arrives as an argument of a second instance
  fake.electron.app.emit('second-instance', {}, ['/opt/Hookscope/hookscope', '--flag', 'hookscope://d/01JEXAMPLE0000000000000000/request?q=status%3A401']);
  assert.equal(win.loadedUrl, 'app://hookscope/index.html#/d/01JEXAMPLE0000000000000000/request?q=status%3A401');
  assert.equal(fake.record.focusCalls, focused + 1);
  fake.electron.app.emit('open-url', { preventDefault: () => {} }, 'hookscope://audit');
  assert.equal(win.loadedUrl, 'app://hookscope/index.html#/audit');
  fake.electron.app.emit('open-url', { preventDefault: () => {} }, 'hookscope://d/x/../../etc/passwd');
  assert.equal(win.loadedUrl, 'app://hookscope/index.html#/audit', 'refused: the page stays');
  // a second instance without a link only brings the window forward
  fake.electron.app.emit('second-instance', {}, ['/opt/Hookscope/hookscope']);
  assert.equal(win.loadedUrl, 'app://hookscope/index.html#/audit');
  assert.equal(fake.record.focusCalls, focused + 4, "every link, even a refused one, brings the window forward");
});

test('quit is held until the core is disposed, then goes through', async () => {
  let prevented = false;
  fake.electron.app.emit('before-quit', { preventDefault: () => void (prevented = true) });
  assert.equal(prevented, true, 'the first before-quit is held back');
  await until(() => fake.record.quitCalls > 0, 'app.quit after dispose');
  let preventedAgain = false;
  fake.electron.app.emit('before-quit', { preventDefault: () => void (preventedAgain = true) });
  assert.equal(preventedAgain, false, 'the final quit passes through');
  assert.equal(existsSync(instanceFilePath(dataDir)), false, 'instance.json is removed when the app quits');
});
