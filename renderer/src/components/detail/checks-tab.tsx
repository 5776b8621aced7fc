import type { DeliveryDetail } from '../../../../shared/api';
import { CHECK_LABELS } from '../../lib/check-labels';
import { CheckItem } from './check-item';

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
      <ol className="check-chain" aria-label="Check chain">
        {detail.checks.map((check) => (
          <CheckItem key={check.id} check={check} receivedAt={detail.receivedAt} />
        ))}
      </ol>
    </div>
  );
}
