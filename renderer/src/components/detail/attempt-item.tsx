import type { Attempt, DeliveryDetail } from '../../../../shared/api';
import { MODE_WORDS } from '../../lib/attempt-words';
import { formatDateTime } from '../../lib/format';
import { AttemptLatency } from './attempt-latency';
import { ChangedPaths } from './changed-paths';
import { HeadersTable } from './headers-table';

/** slowest: the longest duration among this delivery's attempts, so the latency bars share one scale */
export function AttemptItem({ attempt, latest, detail, slowest }: { attempt: Attempt; latest: boolean; detail: DeliveryDetail; slowest: number }) {
  const sent = attempt.request;
  const ok = attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
  const label = `Attempt ${MODE_WORDS[attempt.mode]} at ${formatDateTime(attempt.at)}: ${attempt.status !== null ? `HTTP ${attempt.status}` : 'no response'}`;
  return (
    <li className={`attempt${latest ? ' latest' : ''}`}>
      <article aria-label={label}>
        <header className="attempt-head">
          <span className={`status-code ${ok ? 'ok' : 'bad'}`}>{attempt.status !== null ? attempt.status : 'no response'}</span>
          <span className="attempt-mode">{MODE_WORDS[attempt.mode]}</span>
          <time className="muted" dateTime={attempt.at}>
            {formatDateTime(attempt.at)}
          </time>
          {latest ? <span className="just-now">just now</span> : null}
        </header>
        <p className="attempt-target">
          <span className="muted">to</span> <code>{attempt.target}</code>
        </p>
        <AttemptLatency attempt={attempt} slowest={slowest} />
        {attempt.error ? (
          <p className="error-note" role="note">
            {attempt.error}
          </p>
        ) : null}
        {sent ? (
          <details className="sent-request">
            <summary>
              Request sent: <code>{sent.method}</code> · {sent.bodySize} bytes · sha256 <code title={sent.bodySha256}>{sent.bodySha256.slice(0, 12)}…</code>
              {sent.bodySha256 === detail.bodySha256 ? <span className="muted"> (same bytes as captured)</span> : <span className="muted"> (body differs from the captured one)</span>}
            </summary>
            <p className="attempt-target">
              <code>{sent.url}</code>
            </p>
            <HeadersTable headers={sent.headers} label="Headers sent" />
            <pre className="code-block" aria-label="Body sent (redacted)">
              {sent.body || '(empty body)'}
            </pre>
            <h4>Against the captured request</h4>
            <ChangedPaths
              label="Changes against the captured request"
              left={{ name: 'captured', headers: detail.headers, body: detail.body }}
              right={{ name: 'sent', headers: sent.headers, body: sent.body }}
            />
          </details>
        ) : null}
        {attempt.responseHeaders.length > 0 ? (
          <details>
            <summary>Response headers ({attempt.responseHeaders.length})</summary>
            <HeadersTable headers={attempt.responseHeaders} label="Response headers" />
          </details>
        ) : null}
        {attempt.status !== null ? (
          <pre className="code-block response-body" aria-label="Response body">
            {attempt.responseBody || '(empty response body)'}
          </pre>
        ) : null}
      </article>
    </li>
  );
}
