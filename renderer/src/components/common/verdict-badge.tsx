import type { Verdict } from '../../../../shared/checks';

export function VerdictBadge({ verdict, status }: { verdict: Verdict; status?: number }) {
  return (
    <span className={`verdict verdict-${verdict}`}>
      <span aria-hidden="true">{verdict === 'verified' ? '✓ ' : '✕ '}</span>
      {verdict === 'verified' ? 'Verified' : 'Rejected'}
      {status !== undefined ? <span className="verdict-status"> {status}</span> : null}
    </span>
  );
}
