import type { Attempt, DeliveryDetail } from '../../../../shared/api';
import { useDetail } from '../../app/stores-context';
import { AttemptItem } from './attempt-item';
import { ReplayControls } from './replay-controls';
import { ChaosMenu } from './chaos-menu';
import { useStores } from '../../app/stores-context';
import { newestFirst } from '../../lib/attempt-words';

/** "3 answered: fastest 12 ms, median 40 ms, slowest 412 ms" */
function latencySummary(attempts: Attempt[]): string | null {
  const times = attempts.filter((a) => a.status !== null).map((a) => a.durationMs).sort((x, y) => x - y);
  if (times.length < 2) return null;
  const median = times[Math.floor((times.length - 1) / 2)];
  return `${times.length} answered: fastest ${times[0]} ms, median ${median} ms, slowest ${times[times.length - 1]} ms`;
}

export function ForwardingTab({ detail }: { detail: DeliveryDetail }) {
  // chaos runs are this instance's replays of its own deliveries
  const { scope } = useStores();
  const lastAttemptId = useDetail((s) => s.lastAttemptId);
  const attempts = newestFirst(detail.attempts);
  const slowest = Math.max(0, ...attempts.map((a) => a.durationMs));
  const summary = latencySummary(attempts);
  return (
    <div className="forwarding-tab">
      <ReplayControls detail={detail} />
      {scope === 'local' ? <ChaosMenu detail={detail} /> : null}
      <h3>Attempts</h3>
      {summary ? <p className="muted latency-summary">Latency: {summary}.</p> : null}
      {attempts.length === 0 ? (
        <p className="muted">
          {detail.verdict === 'verified' ? 'Not forwarded yet. Set a forward URL on the source for live forwarding, or replay it above.' : 'Rejected deliveries are not auto-forwarded. You can still replay this one above.'}
        </p>
      ) : (
        <ol className="attempts" aria-label="Forwarding attempts">
          {attempts.map((a) => (
            <AttemptItem key={a.id} attempt={a} latest={a.id === lastAttemptId} detail={detail} slowest={slowest} />
          ))}
        </ol>
      )}
    </div>
  );
}
