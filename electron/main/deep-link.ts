/**
 * hookscope:// links, the desktop build's protocol handler: `hookscope://d/<id>/checks?q=…` opens the
 * same view as the web deep link `#/d/<id>/checks?q=…` (shared/route.ts), `hookscope://settings` a
 * view. Pure: a link in, the app page to load (or a refusal with the reason) out. Links come from
 * anywhere (a browser, a chat message), so only the route's own grammar gets through, re-encoded.
 */
import { formatRoute, parseRoute, ROUTE_TABS, ROUTE_VIEWS } from '../../shared/route';
import { APP_INDEX_URL } from './app-origin';

export const DEEP_LINK_SCHEME = 'hookscope';

const MAX_LINK_LENGTH = 2048;
/** as long as listDeliveries accepts */
const MAX_QUERY_LENGTH = 500;
const DELIVERY_ID = /^[A-Za-z0-9_-]{1,100}$/;

export type DeepLink = { ok: true; url: string } | { ok: false; reason: string };

const refuse = (reason: string): DeepLink => ({ ok: false, reason });

function isDeepLink(value: string): boolean {
  return value.slice(0, DEEP_LINK_SCHEME.length + 1).toLowerCase() === `${DEEP_LINK_SCHEME}:`;
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The app:// page a hookscope:// link opens, or why it is refused. */
export function resolveDeepLink(link: unknown): DeepLink {
  if (typeof link !== 'string' || !isDeepLink(link)) return refuse(`not a ${DEEP_LINK_SCHEME}:// link`);
  if (link.length > MAX_LINK_LENGTH) return refuse(`longer than ${MAX_LINK_LENGTH} characters`);
  // hookscope://d/<id>/<tab>?q=… — the "host" is the first route segment; a fragment means nothing here
  const rest = link.slice(DEEP_LINK_SCHEME.length + 1).replace(/^\/+/, '').split('#')[0];
  const queryAt = rest.indexOf('?');
  const segments = (queryAt < 0 ? rest : rest.slice(0, queryAt)).split('/').filter(Boolean).map(decode);
  if (segments.some((s) => s === null)) return refuse('a path segment is not valid percent-encoding');
  const [first = '', second, third, ...extra] = segments as string[];
  const params = new URLSearchParams(queryAt < 0 ? '' : rest.slice(queryAt + 1));
  const q = params.get('q') ?? '';
  if (q.length > MAX_QUERY_LENGTH) return refuse(`the query is longer than ${MAX_QUERY_LENGTH} characters`);

  if (first === 'd') {
    if (!second || !DELIVERY_ID.test(second)) return refuse('d/ needs a delivery id (letters, digits, - and _)');
    if (third !== undefined && !(ROUTE_TABS as readonly string[]).includes(third)) return refuse(`unknown tab "${third}": use ${ROUTE_TABS.join(', ')}`);
    if (extra.length) return refuse('too many path segments');
  } else if (first !== '' && !(ROUTE_VIEWS as readonly string[]).includes(first)) {
    return refuse(`unknown view "${first}": use d/<id>, ${ROUTE_VIEWS.join(', ')}`);
  } else if (second !== undefined) {
    return refuse('too many path segments');
  }
  const path = first === 'd' ? `d/${encodeURIComponent(second!)}/${third ?? 'checks'}` : first;
  const hash = formatRoute(parseRoute(`#/${path}${q ? `?${new URLSearchParams({ q }).toString()}` : ''}`));
  return { ok: true, url: `${APP_INDEX_URL}${hash}` };
}

/** the first hookscope:// link among a process's arguments (Windows and Linux pass links this way) */
export function deepLinkFromArgv(argv: readonly string[]): string | null {
  return argv.find((arg) => isDeepLink(arg)) ?? null;
}
