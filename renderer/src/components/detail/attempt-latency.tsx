import type { Attempt } from '../../../../shared/api';

/**
 * One attempt's latency: the whole answer as a bar on the scale of this delivery's slowest attempt, the
 * part until the response headers (the dev server's handling plus the network) shaded darker.
 */
export function AttemptLatency({ attempt, slowest }: { attempt: Attempt; slowest: number }) {
  const scale = Math.max(1, slowest);
  const headers = attempt.headersMs ?? null;
  const words =
    attempt.status === null
      ? `${attempt.durationMs.toLocaleString()} ms until it gave up`
      : headers === null
        ? `${attempt.durationMs.toLocaleString()} ms`
        : `${attempt.durationMs.toLocaleString()} ms · headers after ${headers.toLocaleString()} ms, body ${Math.max(0, attempt.durationMs - headers).toLocaleString()} ms`;
  return (
    <p className="attempt-latency">
      <span className="latency-words">
        <span className="muted">latency</span> {words}
      </span>
      <span className="latency-bar" aria-hidden="true">
        <span className={`latency-total${attempt.status === null ? ' failed' : ''}`} style={{ width: `${(attempt.durationMs / scale) * 100}%` }}>
          {headers !== null ? <span className="latency-headers" style={{ width: `${(Math.min(headers, attempt.durationMs) / Math.max(1, attempt.durationMs)) * 100}%` }} /> : null}
        </span>
      </span>
    </p>
  );
}
