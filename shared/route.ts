/**
 * The URL of a view: #/d/<id>/<tab>?q=… for a delivery, #/?q=… for the list, #/security … for the
 * other views. Works the same in a browser (web mode), inside the app (app:// pages), and behind a
 * hookscope:// link (electron/main/deep-link.ts maps it onto this route).
 */
export const ROUTE_VIEWS = ['inspector', 'security', 'settings', 'readiness', 'audit'] as const;
export const ROUTE_TABS = ['checks', 'request', 'forwarding', 'compare'] as const;
export type RouteView = (typeof ROUTE_VIEWS)[number];
export type RouteTab = (typeof ROUTE_TABS)[number];

export interface Route {
  view: RouteView;
  /** the open delivery (inspector only) */
  id: string | null;
  tab: RouteTab;
  q: string;
}

const VIEWS: readonly RouteView[] = ROUTE_VIEWS;
const TABS: readonly RouteTab[] = ROUTE_TABS;

export const HOME: Route = { view: 'inspector', id: null, tab: 'checks', q: '' };

export function parseRoute(hash: string): Route {
  const text = hash.replace(/^#/, '');
  const queryAt = text.indexOf('?');
  const path = (queryAt < 0 ? text : text.slice(0, queryAt)).split('/').filter(Boolean);
  const q = queryAt < 0 ? '' : (new URLSearchParams(text.slice(queryAt + 1)).get('q') ?? '');
  if (path[0] === 'd' && path[1]) {
    let id: string;
    try {
      id = decodeURIComponent(path[1]);
    } catch {
      return { ...HOME, q };
    }
    const tab = TABS.find((t) => t === path[2]) ?? 'checks';
    return { view: 'inspector', id, tab, q };
  }
  const view = VIEWS.find((v) => v === path[0]) ?? 'inspector';
  return { ...HOME, view, q: view === 'inspector' ? q : '' };
}

export function formatRoute(route: Route): string {
  if (route.view !== 'inspector') return `#/${route.view}`;
  const q = route.q.trim() ? `?${new URLSearchParams({ q: route.q.trim() }).toString()}` : '';
  if (route.id) return `#/d/${encodeURIComponent(route.id)}/${route.tab}${q}`;
  return `#/${q}`;
}
