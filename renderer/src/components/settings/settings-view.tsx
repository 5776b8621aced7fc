import { useEffect } from 'react';
import { useSettings, useStores } from '../../app/stores-context';
import { ErrorNote } from '../common/error-note';
import { EraseSection } from './erase-section';
import { LogsSection } from './logs-section';
import { RedactionSection } from './redaction-section';
import { RetentionSection } from './retention-section';
import { SourcesSection } from './sources-section';
import { TunnelSection } from './tunnel-section';
import { WorkspaceSection } from './workspace-section';

export function SettingsView() {
  const { settings } = useStores();
  const value = useSettings((s) => s.value);
  const error = useSettings((s) => s.error);
  useEffect(() => {
    void settings.getState().load();
  }, [settings]);
  return (
    <div className="page">
      <div className="page-head">
        <h2>Settings</h2>
        {value?.path ? <span className="muted">config file {value.path}</span> : null}
      </div>
      <ErrorNote message={error} />
      {value ? (
        <>
          <SourcesSection />
          <TunnelSection />
          <WorkspaceSection />
          <RetentionSection retention={value.config.retention} />
          <RedactionSection redaction={value.config.redaction} />
          <EraseSection />
          <LogsSection />
        </>
      ) : (
        !error && <p className="muted">Loading…</p>
      )}
    </div>
  );
}
