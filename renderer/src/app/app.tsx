import { useEffect } from 'react';
import { StoresContext, useStatus, useStores, useUi, useWorkspace } from './stores-context';
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
  const viewing = useWorkspace((s) => s.viewing);
  const workspaceUrl = useWorkspace((s) => s.info?.url ?? null);
  const workspaceView = stores.workspaceView;

  useEffect(() => {
    const disconnect = connectStores(stores);
    void stores.status.getState().load();
    // a link (#/d/<id>/checks?q=…) or a reload restores the view; the query's first page loads either way
    if (!applyRoute(stores, parseRoute(window.location.hash))) void stores.deliveries.getState().load();
    void stores.settings.getState().load();
    void stores.workspace.getState().load();
    return disconnect;
  }, [stores]);
  // opening the workspace's history (or another workspace) reads it afresh
  useEffect(() => {
    if (viewing !== 'workspace' || !workspaceView || !workspaceUrl) return;
    void workspaceView.status.getState().load();
    void workspaceView.deliveries.getState().load();
    void workspaceView.timeline.getState().load(workspaceView.deliveries.getState().query);
    void workspaceView.detail.getState().open(null);
  }, [viewing, workspaceView, workspaceUrl]);
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
          viewing === 'workspace' && workspaceView ? (
            <StoresContext.Provider value={workspaceView}>
              <InspectorView />
            </StoresContext.Provider>
          ) : (
            <InspectorView />
          )
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
