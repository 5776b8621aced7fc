/**
 * The `app://hookscope/` scheme: serves the built renderer (dist/renderer) with the UI's CSP.
 * `resolveAppRequest` is the pure part (URL → file or refusal); `createAppProtocolHandler` turns it
 * into a fetch-style handler for Electron's `protocol.handle` (and for tests, with plain
 * Request/Response).
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { RENDERER_CSP } from '../../shared/csp';
import { APP_HOST, APP_SCHEME, isAppUrl } from './app-origin';

export type AppResolution =
  | { kind: 'file'; filePath: string; contentType: string }
  | { kind: 'refused'; status: 400 | 403 | 404; message: string };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

const refused = (status: 400 | 403 | 404, message: string): AppResolution => ({ kind: 'refused', status, message });

/** The path part of the URL exactly as written (before any URL normalisation resolves `..`). */
function rawPathOf(url: string): string {
  const afterScheme = url.slice(url.indexOf('//') + 2);
  const slash = afterScheme.indexOf('/');
  if (slash < 0) return '/';
  const rest = afterScheme.slice(slash);
  const end = rest.search(/[?#]/);
  return end < 0 ? rest : rest.slice(0, end);
}

function safeSegments(rawPath: string): string[] | AppResolution {
  if (rawPath.includes('\\')) return refused(403, 'Backslashes are not allowed in app:// paths.');
  const parts = rawPath.split('/').slice(1);
  const segments: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === '') {
      if (i === parts.length - 1) break; // trailing slash
      return refused(403, 'Empty path segments (absolute paths) are not allowed in app:// paths.');
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return refused(400, 'The app:// path is not valid percent-encoding.');
    }
    if (decoded === '.' || decoded === '..') return refused(403, 'Path traversal is not allowed in app:// paths.');
    if (/[/\\:\u0000-\u001f]/.test(decoded)) return refused(403, 'Encoded separators, drive letters and control characters are not allowed in app:// paths.');
    segments.push(decoded);
  }
  return segments;
}

/**
 * Maps an `app://hookscope/…` URL to a file under rootDir. Traversal (`..`, encoded or not), encoded
 * separators, absolute and drive paths are refused. An unknown path falls back to index.html only for
 * a navigation-like request whose last segment has no file extension (client-side routes); an unknown
 * asset is a 404.
 */
export function resolveAppRequest(
  url: string,
  rootDir: string,
  opts: { navigation: boolean; isFile(filePath: string): boolean },
): AppResolution {
  if (!URL.canParse(url)) return refused(400, 'Not a valid URL.');
  if (!isAppUrl(url)) return refused(404, `Only ${APP_SCHEME}://${APP_HOST}/ is served.`);
  const segments = safeSegments(rawPathOf(url));
  if (!Array.isArray(segments)) return segments;
  const root = path.resolve(rootDir);
  const index = path.join(root, 'index.html');
  const filePath = segments.length === 0 ? index : path.resolve(root, ...segments);
  const relative = path.relative(root, filePath);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return refused(403, 'Path traversal is not allowed in app:// paths.');
  if (opts.isFile(filePath)) return { kind: 'file', filePath, contentType: contentTypeFor(filePath) };
  const last = segments[segments.length - 1] ?? '';
  if (opts.navigation && path.extname(last) === '' && opts.isFile(index)) {
    return { kind: 'file', filePath: index, contentType: contentTypeFor(index) };
  }
  if (!opts.isFile(index)) return refused(404, 'The Hookscope UI is not built: run `npm run build`, then start the app again.');
  return refused(404, 'Not found.');
}

/** Whether a request is a page navigation (as opposed to a script, style or fetch). */
export function isNavigationRequest(headers: { get(name: string): string | null }): boolean {
  if (headers.get('sec-fetch-mode') === 'navigate' || headers.get('sec-fetch-dest') === 'document') return true;
  return (headers.get('accept') ?? '').includes('text/html');
}

export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export interface AppFiles {
  /** whether filePath is an existing regular file */
  isFile(filePath: string): boolean;
  readFile(filePath: string): Promise<Uint8Array>;
}

/** The real file system (Electron's fs also reads inside app.asar). */
export const nodeAppFiles: AppFiles = {
  isFile: (filePath) => statSync(filePath, { throwIfNoEntry: false })?.isFile() === true,
  readFile: (filePath) => readFile(filePath),
};

/** A fetch-style handler for `protocol.handle('app', …)`: GET and HEAD only, CSP on every answer. */
export function createAppProtocolHandler(rootDir: string, files: AppFiles): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed.', { status: 405, headers: { ...APP_RESPONSE_HEADERS, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' } });
    }
    const resolution = resolveAppRequest(request.url, rootDir, { navigation: isNavigationRequest(request.headers), isFile: files.isFile });
    if (resolution.kind === 'refused') {
      return new Response(resolution.message, { status: resolution.status, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
    }
    let body: Uint8Array;
    try {
      body = await files.readFile(resolution.filePath);
    } catch {
      return new Response('Not found.', { status: 404, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
    }
    const headers = { ...APP_RESPONSE_HEADERS, 'Content-Type': resolution.contentType, 'Cache-Control': 'no-cache' };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}
