import { useEffect } from 'react';
import { useAudit, useStores } from '../../app/stores-context';
import { formatDateTime } from '../../lib/format';
import { ErrorNote } from '../common/error-note';

export function AuditView() {
  const { audit } = useStores();
  const items = useAudit((s) => s.items);
  const loading = useAudit((s) => s.loading);
  const error = useAudit((s) => s.error);
  useEffect(() => {
    void audit.getState().load();
  }, [audit]);
  return (
    <div className="page">
      <div className="page-head">
        <h2>Audit log</h2>
        <button type="button" className="btn" disabled={loading} onClick={() => void audit.getState().load()}>
          Refresh
        </button>
      </div>
      <p className="muted">Append-only: config changes, secrets (fingerprints only), replays, reveals, exports, erasures, tunnel start/stop.</p>
      <ErrorNote message={error} />
      {items.length === 0 && !loading ? <p className="muted">Nothing recorded yet.</p> : null}
      {items.length > 0 ? (
        <table className="data-table card" aria-label="Audit log">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Action</th>
              <th scope="col">Subject</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => (
              <tr key={entry.id}>
                <td className="nowrap">{formatDateTime(entry.at)}</td>
                <td>
                  <code>{entry.action}</code>
                </td>
                <td>{entry.subject ?? '—'}</td>
                <td>
                  <code className="wrap">{Object.keys(entry.detail).length ? JSON.stringify(entry.detail) : ''}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
