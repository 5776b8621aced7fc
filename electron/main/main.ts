/**
 * The Electron main process: lifecycle and wiring only. Everything with a decision in it lives in a
 * pure module next to this file (window options, security policies, app:// resolver, IPC dispatcher,
 * keystore, menu, quit guard), tested without Electron.
 *
 * Environment: see core-options.ts (HOOKSCOPE_DATA_DIR, HOOKSCOPE_CONFIG, HOOKSCOPE_RECEIVER_PORT).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, Notification, protocol, safeStorage, shell } from 'electron';
import path from 'node:path';
import type { HookscopeEvent } from '../../shared/api';
import { createCore, type Core } from '../core/create-core';
import { deepLinkFromArgv, DEEP_LINK_SCHEME, resolveDeepLink } from './deep-link';
import { refuseSecondInstance, startLocalApi, type LocalApi } from '../core/instance/local-api';
import { createLogger } from '../core/logger';
import { APP_INDEX_URL, APP_SCHEME } from './app-origin';
import { createAppProtocolHandler, nodeAppFiles } from './app-protocol';
import { desktopCoreOptions, desktopDataDir } from './core-options';
import { alertNotification, APP_TITLE, windowTitle } from './event-presentation';
import { registerIpc } from './ipc';
import { chooseKeystore } from './keystore';
import { describeErrorForLog } from './log-safe';
import { menuTemplate } from './menu-template';
import { createQuitGuard } from './quit-guard';
import { applySecurityPolicies, type SecurityHooks } from './security';
import { windowOptions } from './window-options';

const log = (message: string) => console.log(`[hookscope] ${message}`);

// Must happen before `ready`: app:// behaves like a secure, standard origin (CSP 'self', fetch, storage).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.enableSandbox();

let core: Core | null = null;
/** the loopback API and <data dir>/instance.json, through which `hookscope tail`, `send`, `mcp`… reach the app */
let localApi: LocalApi | null = null;
let mainWindow: BrowserWindow | null = null;
let title = APP_TITLE;
/** the page a hookscope:// link asked for before the window existed (cold start through a link) */
let pendingPage: string | null = null;

const securityHooks: SecurityHooks = {
  openExternal: (url) => shell.openExternal(url),
  onBlocked: (kind, detail) => log(`blocked ${kind}: ${detail}`),
};

function onInternalError(method: string, error: unknown): void {
  console.error(`[hookscope] ${method} failed:\n${describeErrorForLog(error)}`);
}

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/**
 * A hookscope:// link: its view in the window (a same-document navigation when only the #route
 * differs, so the UI keeps its state and follows the hash). The link itself is never logged: its
 * query may hold personal data.
 */
function openDeepLink(link: string): void {
  const page = resolveDeepLink(link);
  if (!page.ok) {
    log(`ignored a ${DEEP_LINK_SCHEME}:// link: ${page.reason}`);
    focusWindow();
    return;
  }
  if (!mainWindow) {
    pendingPage = page.url;
    return;
  }
  mainWindow.loadURL(page.url).catch((error: unknown) => onInternalError('opening a link', error));
  focusWindow();
}

function onCoreEvent(event: HookscopeEvent): void {
  if (event.type === 'tunnelStatusChanged') {
    title = windowTitle((event as HookscopeEvent<'tunnelStatusChanged'>).payload);
    mainWindow?.setTitle(title);
  } else if (event.type === 'alertRaised' && Notification.isSupported()) {
    const notification = new Notification(alertNotification((event as HookscopeEvent<'alertRaised'>).payload));
    notification.on('click', focusWindow);
    notification.show();
  }
}

function createWindow(running: Core): void {
  const win = new BrowserWindow(
    windowOptions({ preloadPath: path.join(__dirname, 'preload.cjs'), dark: nativeTheme.shouldUseDarkColors }),
  );
  mainWindow = win;
  win.setTitle(title);
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  const unregister = registerIpc(ipcMain, win.webContents, running, { onInternalError });
  win.on('closed', () => {
    unregister();
    if (mainWindow === win) mainWindow = null;
  });
  const page = pendingPage ?? APP_INDEX_URL;
  pendingPage = null;
  win.loadURL(page).catch((error: unknown) => onInternalError('loading the UI', error));
}

async function boot(): Promise<void> {
  const dataDir = desktopDataDir(process.env, app.getPath('userData'));
  const { keystore, warning } = chooseKeystore(safeStorage, dataDir);
  const coreOptions = desktopCoreOptions(process.env, dataDir, keystore);
  if (warning) log(warning);

  protocol.handle(APP_SCHEME, createAppProtocolHandler(path.join(__dirname, '..', 'renderer'), nodeAppFiles));
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ isPackaged: app.isPackaged, platform: process.platform, appName: app.name })));

  // a `hookscope serve` on this data folder would run a second outbox on the same database
  await refuseSecondInstance(dataDir);
  // the core's log: stderr as in headless mode, plus a rotating file in the data folder (linked from Settings)
  const logFile = path.join(dataDir, 'logs', 'hookscope.log');
  const coreLog = createLogger({ file: { path: logFile } });
  const running = await createCore({ ...coreOptions, logFile, log: coreLog });
  core = running;
  try {
    localApi = await startLocalApi({ core: running, dataDir, log: coreLog, staticRoot: null });
  } catch (error) {
    // the window works without it; only the command line cannot find the app
    coreLog('warn', `the local API for command-line tools did not start (${(error as Error).message}): hookscope tail/send/mcp will not find this app`);
  }
  running.events.subscribe(onCoreEvent);
  try {
    title = windowTitle((await running.api.getStatus({})).tunnel);
  } catch (error) {
    onInternalError('getStatus', error);
  }
  createWindow(running);
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[hookscope] cannot start: ${message}`);
  dialog.showErrorBox('Hookscope cannot start', message);
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) {
  // another Hookscope is running: it gets focused through 'second-instance'
  app.quit();
} else {
  if (process.platform === 'win32') app.setAppUserModelId('dev.hookscope.app');
  // hookscope:// links: installers register the scheme (electron-builder.yml protocols); a dev run
  // registers this Electron with the app's entry script
  if (process.defaultApp && process.argv[1]) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [path.resolve(process.argv[1])]);
  else app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  // Windows and Linux: the link is an argument, of this process or of a second instance; macOS: open-url
  const startLink = deepLinkFromArgv(process.argv);
  if (startLink) openDeepLink(startLink);
  app.on('open-url', (event, link) => {
    event.preventDefault();
    openDeepLink(link);
  });
  app.on('second-instance', (_event, argv) => {
    const link = deepLinkFromArgv(argv);
    if (link) openDeepLink(link);
    else focusWindow();
  });
  app.on('web-contents-created', (_event, contents) => applySecurityPolicies(contents, securityHooks));
  app.on('before-quit', createQuitGuard({
    dispose: async () => {
      if (localApi) await localApi.close();
      localApi = null;
      if (core) await core.dispose();
      core = null;
    },
    quit: () => app.quit(),
    onError: (error) => onInternalError('shutdown', error),
  }));
  // the receiver lives in this process: closing the last window ends the app (macOS included), so no
  // webhook port stays open without a visible app
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(boot).catch(fail);
}
