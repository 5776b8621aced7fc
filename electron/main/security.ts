import { isAppUrl } from './app-origin';
import { isSafeExternalUrl } from './external-url';

/** The parts of Electron's permission request details the policy reads. */
export interface PermissionRequestDetailsLike {
  requestingUrl?: string;
  isMainFrame?: boolean;
}
/** The parts of Electron's permission check details the policy reads. */
export interface PermissionCheckDetailsLike {
  requestingUrl?: string;
  isMainFrame?: boolean;
}

/** The one permission the UI needs: navigator.clipboard.writeText (copy buttons). */
export const ALLOWED_PERMISSION = 'clipboard-sanitized-write';

/**
 * The permission policy: only `clipboard-sanitized-write`, and only for the app's own main frame
 * (`app://hookscope`); every other permission, frame or origin is denied. `origin` is the requesting
 * URL or origin Electron reports; a missing origin or a subframe is refused.
 */
export function permissionAllowed(permission: string, origin: string | undefined, isMainFrame: boolean | undefined): boolean {
  return permission === ALLOWED_PERMISSION && isMainFrame === true && isAppUrl(origin);
}

/** The parts of Electron's WebContents the policies use; a fake implements it in tests. */
export interface PreventableEvent {
  preventDefault(): void;
  url?: string;
}
export interface GuardedWebContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  session: {
    setPermissionRequestHandler(
      handler: (
        webContents: unknown,
        permission: string,
        callback: (granted: boolean) => void,
        details?: PermissionRequestDetailsLike,
      ) => void,
    ): void;
    setPermissionCheckHandler(
      handler: (webContents: unknown, permission: string, requestingOrigin?: string, details?: PermissionCheckDetailsLike) => boolean,
    ): void;
  };
}

export interface SecurityHooks {
  /** opens a URL in the OS browser (Electron's shell.openExternal) */
  openExternal(url: string): void | Promise<void>;
  /** told about each refusal, for the log: never given more than the kind and the URL's origin */
  onBlocked?(kind: 'navigation' | 'redirect' | 'window-open' | 'webview' | 'permission', detail: string): void;
}

function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
  } catch {
    return '(unparseable URL)';
  }
}

function openIfSafe(url: string, hooks: SecurityHooks): void {
  if (!isSafeExternalUrl(url)) return;
  Promise.resolve()
    .then(() => hooks.openExternal(url))
    .catch(() => hooks.onBlocked?.('window-open', `could not open ${originOf(url)} in the browser`));
}

/**
 * Locks a webContents down: navigation and redirects stay inside `app://hookscope` (a link to an
 * http(s) page opens in the OS browser instead), window.open is always denied (http(s) targets open
 * in the OS browser), <webview> cannot attach, and every permission request and check is denied except
 * `clipboard-sanitized-write` for the app's own main frame (see permissionAllowed). This is the only
 * place the permission handlers are set (the default session's, shared by every window).
 */
export function applySecurityPolicies(contents: GuardedWebContents, hooks: SecurityHooks): void {
  contents.on('will-navigate', (event, url) => {
    const target = event.url ?? url;
    if (isAppUrl(target)) return;
    event.preventDefault();
    hooks.onBlocked?.('navigation', originOf(target));
    openIfSafe(target, hooks);
  });
  contents.on('will-redirect', (event, url) => {
    const target = event.url ?? url;
    if (isAppUrl(target)) return;
    event.preventDefault();
    hooks.onBlocked?.('redirect', originOf(target));
  });
  contents.setWindowOpenHandler(({ url }) => {
    hooks.onBlocked?.('window-open', originOf(url));
    openIfSafe(url, hooks);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    hooks.onBlocked?.('webview', 'a <webview> tried to attach');
  });
  contents.session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    if (permissionAllowed(permission, details?.requestingUrl, details?.isMainFrame)) return callback(true);
    hooks.onBlocked?.('permission', permission);
    callback(false);
  });
  contents.session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    permissionAllowed(permission, details?.requestingUrl ?? requestingOrigin, details?.isMainFrame),
  );
}
