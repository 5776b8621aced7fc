import { useStatus } from '../../app/stores-context';
import { CopyButton } from '../common/copy-button';

/** Where this run's log goes: the desktop app's rotating file in its data folder, or the terminal. */
export function LogsSection() {
  const logFile = useStatus((s) => s.status?.logFile ?? null);
  const dataDir = useStatus((s) => s.status?.dataDir ?? null);
  // a team server names its paths to admins only (docs/api.md getStatus)
  const pathsHidden = useStatus((s) => s.status !== null && s.status.dataDir === null);
  return (
    <section className="card" aria-label="Logs">
      <h3>Logs</h3>
      {pathsHidden ? (
        <p className="muted">This server&apos;s log and data folder are shown to admins only.</p>
      ) : logFile ? (
        <p>
          Log file (JSON lines, rotated at 5 MB, 3 old files kept): <code>{logFile}</code> <CopyButton text={logFile} label="Copy log file path" />
        </p>
      ) : (
        <p className="muted">This run logs to the terminal that started it (stderr); choose the format with --log-format json|pretty and the detail with --log-level.</p>
      )}
      {dataDir ? (
        <p className="muted">
          Data folder: <code>{dataDir}</code>
        </p>
      ) : null}
    </section>
  );
}
