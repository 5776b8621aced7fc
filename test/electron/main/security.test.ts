import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSafeExternalUrl } from '../../../electron/main/external-url';
import { applySecurityPolicies, permissionAllowed, type GuardedWebContents, type PreventableEvent } from '../../../electron/main/security';

type Listener = (event: PreventableEvent, url: string) => void;

function fakeWebContents() {
  const listeners = new Map<string, Listener[]>();
  let windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  type RequestHandler = Parameters<GuardedWebContents['session']['setPermissionRequestHandler']>[0];
  type CheckHandler = Parameters<GuardedWebContents['session']['setPermissionCheckHandler']>[0];
  let permissionRequest: RequestHandler | null = null;
  let permissionCheck: CheckHandler | null = null;
  const contents: GuardedWebContents = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler) {
      windowOpenHandler = handler;
    },
    session: {
      setPermissionRequestHandler(handler) {
        permissionRequest = handler;
      },
      setPermissionCheckHandler(handler) {
        permissionCheck = handler;
      },
    },
  };
  const emit = (name: string, url: string, withEventUrl = true) => {
    let prevented = false;
    const event: PreventableEvent = { preventDefault: () => void (prevented = true), ...(withEventUrl ? { url } : {}) };
    const registered = listeners.get(name) ?? [];
    assert.ok(registered.length > 0, `a ${name} listener is registered`);
    for (const l of registered) l(event, url);
    return prevented;
  };
  return {
    contents,
    emit,
    openWindow: (url: string) => {
      assert.ok(windowOpenHandler, 'a window-open handler is set');
      return windowOpenHandler({ url });
    },
    requestPermission: (permission: string, requestingUrl = 'app://hookscope/index.html', isMainFrame = true) =>
      new Promise<boolean>((resolve) => {
        assert.ok(permissionRequest, 'a permission request handler is set');
        permissionRequest(null, permission, resolve, { requestingUrl, isMainFrame });
      }),
    checkPermission: (permission: string, requestingOrigin = 'app://hookscope', isMainFrame = true) => {
      assert.ok(permissionCheck, 'a permission check handler is set');
      return permissionCheck(null, permission, requestingOrigin, { isMainFrame });
    },
  };
}

function setup() {
  const opened: string[] = [];
  const blocked: string[] = [];
  const fake = fakeWebContents();
  applySecurityPolicies(fake.contents, { openExternal: (url) => void opened.push(url), onBlocked: (kind) => void blocked.push(kind) });
  return { ...fake, opened, blocked };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

test('navigation within app://hookscope is allowed', () => {
  const { emit } = setup();
  assert.equal(emit('will-navigate', 'app://hookscope/index.html'), false);
  assert.equal(emit('will-navigate', 'app://hookscope/settings'), false);
  assert.equal(emit('will-redirect', 'app://hookscope/index.html'), false);
});

test('navigation anywhere else is denied; http(s) links open in the OS browser', async () => {
  const { emit, opened, blocked } = setup();
  for (const url of ['https://example.com/docs', 'http://localhost:3000/', 'file:///etc/passwd', 'app://hookscope.evil/', 'javascript:alert(1)']) {
    assert.equal(emit('will-navigate', url), true, url);
  }
  await flush();
  assert.deepEqual(opened, ['https://example.com/docs', 'http://localhost:3000/']);
  assert.equal(blocked.filter((k) => k === 'navigation').length, 5);
});

test('the deprecated url argument is used when the event has no url', () => {
  const { emit } = setup();
  assert.equal(emit('will-navigate', 'https://evil.example/', false), true);
  assert.equal(emit('will-navigate', 'app://hookscope/', false), false);
});

test('redirects out of the app are denied and never opened', async () => {
  const { emit, opened } = setup();
  assert.equal(emit('will-redirect', 'https://evil.example/'), true);
  await flush();
  assert.deepEqual(opened, []);
});

test('window.open is always denied; only safe http(s) URLs go to the OS browser', async () => {
  const { openWindow, opened } = setup();
  const urls = [
    'https://dashboard.ngrok.com/get-started/your-authtoken',
    'http://127.0.0.1:3000/webhooks',
    'app://hookscope/index.html',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://user:pass@example.com/',
    'smb://server/share',
    'https://exa mple.com/',
    'not a url',
    `https://example.com/${'a'.repeat(3000)}`,
  ];
  for (const url of urls) assert.deepEqual(openWindow(url), { action: 'deny' }, url);
  await flush();
  assert.deepEqual(opened, ['https://dashboard.ngrok.com/get-started/your-authtoken', 'http://127.0.0.1:3000/webhooks']);
});

test('a failing openExternal is reported, not thrown', async () => {
  const fake = fakeWebContents();
  const blocked: string[] = [];
  applySecurityPolicies(fake.contents, {
    openExternal: () => Promise.reject(new Error('no browser')),
    onBlocked: (_kind, detail) => void blocked.push(detail),
  });
  fake.openWindow('https://example.com/');
  await flush();
  assert.ok(blocked.some((d) => d.includes('could not open https://example.com')));
});

test('<webview> cannot attach', () => {
  const { emit } = setup();
  assert.equal(emit('will-attach-webview', ''), true);
});

test('clipboard-sanitized-write is allowed for the app main frame only; everything else is denied', async () => {
  const { requestPermission, checkPermission } = setup();
  assert.equal(await requestPermission('clipboard-sanitized-write'), true);
  assert.equal(checkPermission('clipboard-sanitized-write'), true);
  for (const url of ['https://evil.example/', 'app://hookscope.evil/', 'http://hookscope/', 'file:///index.html', '']) {
    assert.equal(await requestPermission('clipboard-sanitized-write', url), false, url);
    assert.equal(checkPermission('clipboard-sanitized-write', url), false, url);
  }
  assert.equal(await requestPermission('clipboard-sanitized-write', 'app://hookscope/index.html', false), false, 'subframe');
  assert.equal(checkPermission('clipboard-sanitized-write', 'app://hookscope', false), false, 'subframe');
});

test('permissionAllowed: the pure policy', () => {
  assert.equal(permissionAllowed('clipboard-sanitized-write', 'app://hookscope', true), true);
  assert.equal(permissionAllowed('clipboard-sanitized-write', 'app://hookscope/index.html', true), true);
  assert.equal(permissionAllowed('clipboard-sanitized-write', undefined, true), false);
  assert.equal(permissionAllowed('clipboard-sanitized-write', 'app://hookscope', undefined), false);
  assert.equal(permissionAllowed('clipboard-sanitized-write', 'app://hookscope', false), false);
  assert.equal(permissionAllowed('clipboard-read', 'app://hookscope', true), false);
  assert.equal(permissionAllowed('media', 'app://hookscope', true), false);
});

test('every other permission request and check is denied', async () => {
  const { requestPermission, checkPermission } = setup();
  for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
    assert.equal(await requestPermission(permission), false, permission);
    assert.equal(checkPermission(permission), false, permission);
  }
});

test('isSafeExternalUrl accepts plain http(s) only', () => {
  assert.equal(isSafeExternalUrl('https://example.com/a?b=c#d'), true);
  assert.equal(isSafeExternalUrl('http://localhost:8080/'), true);
  for (const url of ['ftp://example.com/', 'mailto:a@example.com', 'https://a:b@example.com/', ' https://example.com/', 'https://example.com/\n', 'https://', '', 42]) {
    assert.equal(isSafeExternalUrl(url), false, String(url));
  }
});
