import type { DeliverySummary } from '../../../../shared/api';

const WORDS: Record<NonNullable<DeliverySummary['forward']>['state'], string> = {
  pending: 'queued',
  retrying: 'retrying',
  delivered: 'forwarded',
  failed: 'failed',
  gave_up: 'gave up',
};

export function ForwardStatus({ forward }: { forward: DeliverySummary['forward'] }) {
  if (!forward) return <span className="forward forward-none" title="not forwarded">—</span>;
  const ok = forward.state === 'delivered';
  const bad = forward.state === 'failed' || forward.state === 'gave_up';
  return (
    <span className={`forward ${ok ? 'forward-ok' : bad ? 'forward-bad' : 'forward-wait'}`} title={`forward ${WORDS[forward.state]}`}>
      <span aria-hidden="true">→ </span>
      {forward.status !== null ? forward.status : WORDS[forward.state]}
      {forward.status !== null ? <span className="sr-only"> {WORDS[forward.state]}</span> : null}
    </span>
  );
}
