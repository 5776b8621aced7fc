import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import type { Alert } from '../../../shared/api';
import { alertNotification, APP_TITLE, windowTitle } from '../../../electron/main/event-presentation';
import { describeErrorForLog } from '../../../electron/main/log-safe';
import { menuTemplate } from '../../../electron/main/menu-template';
import { createQuitGuard } from '../../../electron/main/quit-guard';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

test('the menu has the usual roles; reload and devtools only when not packaged', () => {
  const dev = roles(menuTemplate({ isPackaged: false, platform: 'linux', appName: 'Hookscope' }));
  const packaged = roles(menuTemplate({ isPackaged: true, platform: 'linux', appName: 'Hookscope' }));
  for (const role of ['editMenu', 'windowMenu', 'quit', 'zoomIn', 'zoomOut', 'resetZoom']) {
    assert.ok(packaged.includes(role), role);
    assert.ok(dev.includes(role), role);
  }
  for (const role of ['reload', 'forceReload', 'toggleDevTools']) {
    assert.ok(dev.includes(role), role);
    assert.ok(!packaged.includes(role), role);
  }
  const mac = menuTemplate({ isPackaged: true, platform: 'darwin', appName: 'Hookscope' });
  assert.equal(mac[0].label, 'Hookscope');
  assert.ok(roles(mac).includes('quit'));
});

test('the window title shows the tunnel URL when online', () => {
  assert.equal(windowTitle({ state: 'online', url: 'https://abc.ngrok.app', message: '' }), `${APP_TITLE} — https://abc.ngrok.app`);
  assert.equal(windowTitle({ state: 'off', url: null, message: '' }), APP_TITLE);
  assert.match(windowTitle({ state: 'connecting', url: null, message: '' }), /connecting/);
  assert.match(windowTitle({ state: 'error', url: null, message: 'No ngrok authtoken' }), /error/);
});

test('alerts become notifications carrying the alert message', () => {
  const alert: Alert = { id: 'a1', at: '2026-01-01T00:00:00Z', severity: 'critical', code: 'invalid_signatures', message: '12 invalid signatures in the last minute (threshold 10)', count: 12, threshold: 10 };
  const n = alertNotification(alert);
  assert.equal(n.body, alert.message);
  assert.equal(n.urgency, 'critical');
  assert.match(n.title, /security alert/);
  assert.equal(alertNotification({ ...alert, severity: 'warning' }).urgency, 'normal');
});

test('quit: held once until the core is disposed, then quits for real', async () => {
  const log: string[] = [];
  let finishDispose: () => void = () => {};
  let quitCalls = 0;
  const guard = createQuitGuard({
    dispose: () => new Promise<void>((resolve) => { log.push('dispose'); finishDispose = resolve; }),
    quit: () => { quitCalls++; guard({ preventDefault: () => log.push('prevented again') }); },
  });
  let prevented = 0;
  guard({ preventDefault: () => prevented++ });
  guard({ preventDefault: () => prevented++ }); // a second Cmd-Q while disposing
  assert.equal(prevented, 2);
  assert.deepEqual(log, ['dispose']);
  assert.equal(quitCalls, 0);
  finishDispose();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(quitCalls, 1);
  assert.deepEqual(log, ['dispose'], 'the final quit passes through');
});

test('quit: a failing dispose is reported and the app still quits', async () => {
  const errors: unknown[] = [];
  let quit = false;
  const guard = createQuitGuard({ dispose: () => Promise.reject(new Error('db busy')), quit: () => { quit = true; }, onError: (e) => errors.push(e) });
  guard({ preventDefault: () => {} });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(quit, true);
  assert.equal(errors.length, 1);
});

test('logged errors keep name and frames, never the message', () => {
  const text = describeErrorForLog(new TypeError('secret whsec_abc123 in message'));
  assert.ok(text.startsWith('TypeError'));
  assert.ok(!text.includes('whsec_abc123'));
  assert.match(text, /\n\s+at /);
  assert.equal(describeErrorForLog('password=x'), 'a thrown string');
});

test('desktop core options come from the environment, with a clear message for a bad port', async () => {
  const { desktopCoreOptions, desktopDataDir } = await import('../../../electron/main/core-options');
  assert.equal(desktopDataDir({}, '/user/data'), '/user/data');
  assert.equal(desktopDataDir({ HOOKSCOPE_DATA_DIR: '/elsewhere' }, '/user/data'), '/elsewhere');
  assert.deepEqual(desktopCoreOptions({}, '/d', null), { dataDir: '/d', configPath: null, tunnel: 'real' });
  const keystore = { load: () => null, save: () => {} };
  assert.deepEqual(
    desktopCoreOptions({ HOOKSCOPE_CONFIG: '/c.json', HOOKSCOPE_RECEIVER_PORT: '0', HOOKSCOPE_TUNNEL_PROVIDER: 'fake' }, '/d', keystore),
    { dataDir: '/d', configPath: '/c.json', receiverPort: 0, tunnel: 'fake', keystore },
  );
  assert.throws(() => desktopCoreOptions({ HOOKSCOPE_RECEIVER_PORT: 'eighty' }, '/d', null), /HOOKSCOPE_RECEIVER_PORT must be a port number/);
});
