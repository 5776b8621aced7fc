import type { DeliveryDetail } from '../../../../shared/api';
import { CHECK_LABELS } from '../../lib/check-labels';
import { CheckItem } from './check-item';

function otherSummary(checks: DeliveryDetail['checks']): string {
  const passed = checks.filter((c) => c.outcome === 'pass').length;
  const skipped = checks.length - passed;
  return [passed ? `${passed} passed` : '', skipped ? `${skipped} skipped` : ''].filter(Boolean).join(', ') || 'No other checks';
}

export function ChecksTab({ detail }: { detail: DeliveryDetail }) {
  const failing = detail.checks.filter((c) => c.outcome === 'fail');
  return (
    <div className="checks-tab">
      {failing.length > 0 ? (
        <div className="why-failed" role="note" aria-label="Why it failed">
          <strong>
            {failing.map((c) => CHECK_LABELS[c.id] ?? c.id).join(', ')} failed — answered HTTP {detail.status}.
          </strong>
          <ul>
            {failing.map((c) => (
              <li key={c.id}>{c.diagnosis[0]?.summary ?? c.summary}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {failing.length > 0 ? (
        // the failing checks first, in chain order; what passed or was skipped waits below, folded
        <>
          <ol className="check-chain" aria-label="Failing checks">
            {detail.checks
              .filter((c) => c.outcome === 'fail' || c.outcome === 'warn')
              .map((check) => (
                <CheckItem key={check.id} check={check} receivedAt={detail.receivedAt} />
              ))}
          </ol>
          <details className="other-checks">
            <summary>{otherSummary(detail.checks.filter((c) => c.outcome === 'pass' || c.outcome === 'skip'))}</summary>
            <ol className="check-chain" aria-label="Passed and skipped checks">
              {detail.checks
                .filter((c) => c.outcome === 'pass' || c.outcome === 'skip')
                .map((check) => (
                  <CheckItem key={check.id} check={check} receivedAt={detail.receivedAt} />
                ))}
            </ol>
          </details>
        </>
      ) : (
        <ol className="check-chain" aria-label="Check chain">
          {detail.checks.map((check) => (
            <CheckItem key={check.id} check={check} receivedAt={detail.receivedAt} />
          ))}
        </ol>
      )}
    </div>
  );
}
