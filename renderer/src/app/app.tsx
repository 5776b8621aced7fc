import { useEffect } from 'react';
import { useStatus, useStores, useUi } from './stores-context';
import { connectStores } from '../stores/create-stores';
import { TopBar } from '../components/layout/top-bar';
import { InspectorView } from '../components/inspector/inspector-view';
import { SecurityView } from '../components/security/security-view';
import { SettingsView } from '../components/settings/settings-view';
import { ReadinessView } from '../components/readiness/readiness-view';
import { AuditView } from '../components/audit/audit-view';
import { ConnectionProblem } from './connection-problem';
import { TokenAlert } from './token-alert';
import { tokenRejected } from '../stores/status-store';
import { parseRoute } from '../../../shared/route';
import { applyRoute, useRouteSync } from './use-route-sync';
import { useGlobalKeys } from './use-global-keys';
import { CommandPalette } from '../components/layout/command-palette';
import { ShortcutSheet } from '../components/layout/shortcut-sheet';

const MAIN_ID = 'main';

export function App() {
  const stores = useStores();
  const view = useUi((s) => s.view);
  const status = useStatus((s) => s.status);
  const statusError = useStatus((s) => s.error);
  const rejected = useStatus(tokenRejected);

  useEffect(() => {
    const disconnect = connectStores(stores);
    void stores.status.getState().load();
    // a link (#/d/<id>/checks?q=…) or a reload restores the view; the query's first page loads either way
    if (!applyRoute(stores, parseRoute(window.location.hash))) void stores.deliveries.getState().load();
    void stores.settings.getState().load();
    return disconnect;
  }, [stores]);
  useRouteSync(stores);
  useGlobalKeys(stores);
  const overlay = useUi((s) => s.overlay);

  return (
    <div className="app">
      {/* a button, not an #anchor: the hash is the route */}
      <button type="button" className="skip-link" onClick={() => document.getElementById(MAIN_ID)?.focus()}>
        Skip to content
      </button>
      <TopBar />
      {rejected ? <TokenAlert /> : null}
      <main className="main" aria-label={view} id={MAIN_ID} tabIndex={-1}>
        {!status && statusError ? (
          rejected ? null : <ConnectionProblem />
        ) : view === 'inspector' ? (
          <InspectorView />
        ) : view === 'security' ? (
          <SecurityView />
        ) : view === 'settings' ? (
          <SettingsView />
        ) : view === 'readiness' ? (
          <ReadinessView />
        ) : (
          <AuditView />
        )}
      </main>
      {overlay === 'palette' ? <CommandPalette /> : overlay === 'shortcuts' ? <ShortcutSheet /> : null}
    </div>
  );
}
