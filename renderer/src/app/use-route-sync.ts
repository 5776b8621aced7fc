/** Keeps the URL and the stores in step: a reload or a pasted link restores the view, the delivery, its tab and the query. */
import { useEffect } from 'react';
import type { Stores } from '../stores/create-stores';
import { formatRoute, parseRoute, type Route } from '../../../shared/route';

function currentRoute(stores: Stores): Route {
  const view = stores.ui.getState().view;
  const detail = stores.detail.getState();
  return { view, id: view === 'inspector' ? detail.id : null, tab: detail.tab, q: stores.deliveries.getState().query };
}

/** applies a route to the stores; returns whether the list query changed (the caller loads then) */
export function applyRoute(stores: Stores, route: Route): boolean {
  stores.ui.getState().setView(route.view);
  if (route.view === 'inspector' && route.id) {
    if (stores.detail.getState().id !== route.id) {
      stores.deliveries.getState().select(route.id);
      void stores.detail.getState().open(route.id);
    }
    stores.detail.getState().setTab(route.tab);
  } else if (route.view === 'inspector' && stores.detail.getState().id) {
    // back to the bare list (#/): nothing is open
    stores.deliveries.getState().select(null);
    void stores.detail.getState().open(null);
  }
  const deliveries = stores.deliveries.getState();
  if (route.view === 'inspector' && route.q !== deliveries.query) {
    void deliveries.setQuery(route.q);
    return true;
  }
  return false;
}

export function useRouteSync(stores: Stores): void {
  useEffect(() => {
    let writing = false;
    const write = () => {
      const hash = formatRoute(currentRoute(stores));
      if (hash === window.location.hash || (hash === '#/' && window.location.hash === '')) return;
      writing = true;
      // a new view or delivery is a step the Back button can return to; typing a query is not
      const before = parseRoute(window.location.hash);
      const next = parseRoute(hash);
      if (before.view !== next.view || before.id !== next.id) window.history.pushState(null, '', hash);
      else window.history.replaceState(null, '', hash);
      writing = false;
    };
    const onHashChange = () => {
      if (!writing) applyRoute(stores, parseRoute(window.location.hash));
    };
    window.addEventListener('hashchange', onHashChange);
    window.addEventListener('popstate', onHashChange);
    const unsubscribe = [
      stores.ui.subscribe((s, p) => s.view !== p.view && write()),
      stores.detail.subscribe((s, p) => (s.id !== p.id || s.tab !== p.tab) && write()),
      stores.deliveries.subscribe((s, p) => s.query !== p.query && write()),
    ];
    return () => {
      window.removeEventListener('hashchange', onHashChange);
      window.removeEventListener('popstate', onHashChange);
      unsubscribe.forEach((u) => u());
    };
  }, [stores]);
}
