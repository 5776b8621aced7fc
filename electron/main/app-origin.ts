/** The desktop UI's own origin: the custom `app://hookscope/` scheme (see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'hookscope';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Whether a URL belongs to the app's own origin, compared exactly: scheme `app:`, host `hookscope`,
 * no port, no credentials. Look-alikes (`app://hookscope.evil`, `app://hookscopex`,
 * `app://x@hookscope`, `http://hookscope`, `file://…`) are refused.
 */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length > 8192) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
