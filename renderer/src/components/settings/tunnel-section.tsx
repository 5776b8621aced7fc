import { useStatus, useStores } from '../../app/stores-context';
import { ErrorNote } from '../common/error-note';
import { NgrokAuthtokenField } from './ngrok-authtoken-field';

export function TunnelSection() {
  const { status } = useStores();
  const tunnel = useStatus((s) => s.status?.tunnel ?? null);
  const busy = useStatus((s) => s.tunnelBusy);
  const error = useStatus((s) => s.tunnelError);
  if (!tunnel) return null;
  // an error is still an enabled tunnel (it retries or waits for an authtoken): the switch can turn it off
  const on = tunnel.state !== 'off';
  return (
    <section className="card" aria-label="Tunnel settings">
      <h3>Tunnel (ngrok)</h3>
      <p>A public HTTPS URL that reaches the receiver only, never this UI.</p>
      <NgrokAuthtokenField />
      <p className="tunnel-status">
        State: <strong className={`tunnel-text tunnel-${tunnel.state}`}>{tunnel.state}</strong>
        {tunnel.url ? (
          <>
            {' '}
            at <code>{tunnel.url}</code>
          </>
        ) : null}
      </p>
      {tunnel.message ? <p className={tunnel.state === 'error' ? 'bad-text' : 'muted'}>{tunnel.message}</p> : null}
      <label className="check-label">
        <input type="checkbox" role="switch" aria-checked={on} checked={on} disabled={busy} onChange={(e) => void status.getState().toggleTunnel(e.target.checked)} /> Tunnel enabled
      </label>
      <ErrorNote message={error} />
    </section>
  );
}
