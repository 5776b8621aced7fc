import type { DeliveryDetail } from '../../../../shared/api';
import { useDetail } from '../../app/stores-context';
import { AttemptItem } from './attempt-item';
import { ReplayControls } from './replay-controls';
import { ChaosMenu } from './chaos-menu';

export function ForwardingTab({ detail }: { detail: DeliveryDetail }) {
  const lastAttemptId = useDetail((s) => s.lastAttemptId);
  const attempts = [...detail.attempts].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return (
    <div className="forwarding-tab">
      <ReplayControls detail={detail} />
      <ChaosMenu detail={detail} />
      <h3>Attempts</h3>
      {attempts.length === 0 ? (
        <p className="muted">
          {detail.verdict === 'verified' ? 'Not forwarded yet. Set a forward URL on the source for live forwarding, or replay it above.' : 'Rejected deliveries are not auto-forwarded. You can still replay this one above.'}
        </p>
      ) : (
        <ol className="attempts" aria-label="Forwarding attempts">
          {attempts.map((a) => (
            <AttemptItem key={a.id} attempt={a} latest={a.id === lastAttemptId} detail={detail} />
          ))}
        </ol>
      )}
    </div>
  );
}
