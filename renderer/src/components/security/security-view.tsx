import { useEffect } from 'react';
import { useSecurity, useStores } from '../../app/stores-context';
import { formatDateTime } from '../../lib/format';
import { ErrorNote } from '../common/error-note';

export function SecurityView() {
  const { security, client } = useStores();
  const value = useSecurity((s) => s.value);
  const loading = useSecurity((s) => s.loading);
  const error = useSecurity((s) => s.error);

  useEffect(() => {
    void security.getState().load();
    security.getState().markSeen();
  }, [security]);

  // counters follow the traffic while the view is open (at most one refresh a second)
  useEffect(() => {
    let timer: number | null = null;
    const off = client.subscribe((event) => {
      if (event.type === 'alertRaised') security.getState().markSeen();
      if (event.type !== 'deliveriesAdded' || timer !== null) return;
      timer = window.setTimeout(() => {
        timer = null;
        void security.getState().load();
      }, 1000);
    });
    return () => {
      off();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [client, security]);

  const counters = [...(value?.counters ?? [])].sort((a, b) => b.lastMinute - a.lastMinute || b.total - a.total);
  const calls = value?.calls;
  return (
    <div className="page">
      <div className="page-head">
        <h2>Security</h2>
        <button type="button" className="btn" disabled={loading} onClick={() => void security.getState().load()}>
          Refresh
        </button>
      </div>
      <ErrorNote message={error} />
      <section aria-label="Alerts" className="card">
        <h3>Alerts</h3>
        <p className="muted">
          Alerts fire at more than 10 invalid signatures a minute, more than 5 IP rejections a minute, more than 5 timestamp failures an hour, auth failures doubling.
        </p>
        {value && value.alerts.length === 0 ? <p className="ok-text">No alerts.</p> : null}
        <ul className="alerts">
          {(value?.alerts ?? []).map((alert) => (
            <li key={alert.id} className={`alert alert-${alert.severity}`}>
              <p className="alert-head">
                <strong>{alert.severity === 'critical' ? 'Critical' : 'Warning'}</strong>
                <code>{alert.code}</code>
                <span className="muted">
                  {alert.count} (threshold {alert.threshold}) · {formatDateTime(alert.at)}
                </span>
              </p>
              <p>{alert.message}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Failure counters" className="card">
        <h3>Failed and warned checks by code</h3>
        {counters.length === 0 ? (
          <p className="muted">No failed or warned checks recorded.</p>
        ) : (
          <table className="data-table" aria-label="Failure counters">
            <thead>
              <tr>
                <th scope="col">Check</th>
                <th scope="col">Code</th>
                <th scope="col" className="num">
                  Last minute
                </th>
                <th scope="col" className="num">
                  Last hour
                </th>
                <th scope="col" className="num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {counters.map((c) => (
                <tr key={`${c.check}/${c.code}`}>
                  <td>{c.check}</td>
                  <td>
                    <code>{c.code}</code>
                  </td>
                  <td className="num">{c.lastMinute}</td>
                  <td className="num">{c.lastHour}</td>
                  <td className="num">{c.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-label="Voice call outcomes" className="card">
        <h3>Voice call outcomes</h3>
        <p className="muted">From event types that report how a call ended (for example BlackBox's CompletedWebHookPayload and FailedWebHookPayload).</p>
        {calls ? (
          <p>
            {calls.succeeded} succeeded · {calls.failed} failed
            {calls.ratio !== null ? ` · failure ratio ${(calls.ratio * 100).toFixed(1)} %` : ' · no call-outcome events yet'}
          </p>
        ) : null}
      </section>
    </div>
  );
}
