import type { ChaosValue } from '../../../../shared/api';

const VERDICT_WORDS = { idempotent: 'Idempotent', not_idempotent: 'Not idempotent', unknown: 'No verdict' } as const;

/** The dev server's answers side by side, the probe readings and the verdict of one chaos run. */
export function ChaosReport({ value }: { value: ChaosValue }) {
  const { report, attempts } = value;
  const firstBody = attempts[0]?.responseBody ?? '';
  return (
    <section className="chaos-report" aria-label="Idempotency report">
      <p className={`verdict-line ${report.verdict}`} role="status">
        {VERDICT_WORDS[report.verdict]}: {report.summary}
      </p>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>Delivery</th>
            <th>Status</th>
            <th>Latency</th>
            <th>Body</th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((a, i) => (
            <tr key={a.id}>
              <td>{i + 1}</td>
              <td>
                <code>{a.deliveryId.slice(-8)}</code>
              </td>
              <td className={a.status !== null && a.status >= 200 && a.status < 300 ? 'ok' : 'bad'}>{a.status ?? 'no answer'}</td>
              <td>{a.durationMs} ms</td>
              <td>{i > 0 && a.responseBody === firstBody ? <span className="muted">same as #1</span> : <pre>{a.error ?? (a.responseBody || '(empty)')}</pre>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {report.copies} sent · {report.events} distinct {report.events === 1 ? 'event' : 'events'} · {report.distinctBodies} distinct response{' '}
        {report.distinctBodies === 1 ? 'body' : 'bodies'}
      </p>
      {report.probeBefore !== null || report.probeAfter !== null ? (
        <dl className="probe-readings">
          <dt>Probe before</dt>
          <dd>
            <code>{JSON.stringify(report.probeBefore)}</code>
          </dd>
          <dt>Probe after</dt>
          <dd>
            <code>{JSON.stringify(report.probeAfter)}</code>
          </dd>
        </dl>
      ) : null}
    </section>
  );
}
