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

export function App() {
  const stores = useStores();
  const view = useUi((s) => s.view);
  const status = useStatus((s) => s.status);
  const statusError = useStatus((s) => s.error);
  const rejected = useStatus(tokenRejected);

  useEffect(() => {
    const disconnect = connectStores(stores);
    void stores.status.getState().load();
    void stores.deliveries.getState().load();
    void stores.settings.getState().load();
    return disconnect;
  }, [stores]);

  return (
    <div className="app">
      <TopBar />
      {rejected ? <TokenAlert /> : null}
      <main className="main" aria-label={view}>
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
    </div>
  );
}
