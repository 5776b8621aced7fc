import type { CheckResult } from '../../../../shared/checks';
import { CHECK_LABELS } from '../../lib/check-labels';
import { readSkew } from '../../lib/timestamp-skew';
import { OutcomeBadge } from '../common/outcome-badge';
import { EvidenceList } from './evidence-list';
import { TimestampTimeline } from './timestamp-timeline';

export function CheckItem({ check, receivedAt }: { check: CheckResult; receivedAt: string }) {
  const title = CHECK_LABELS[check.id] ?? check.id;
  const skew = check.id === 'timestamp' && check.outcome !== 'skip' ? readSkew(check, receivedAt) : null;
  return (
    <li className={`check-item check-${check.outcome}`}>
      <article aria-label={`${check.id} check`}>
        <header className="check-head">
          <h3>{title}</h3>
          <OutcomeBadge outcome={check.outcome} />
          <code className="check-code">{check.code}</code>
        </header>
        <p className="check-summary">{check.summary}</p>
        {check.diagnosis.length > 0 ? (
          <div className="diagnosis">
            <h4>Most likely cause{check.diagnosis.length > 1 ? 's' : ''}</h4>
            <ul aria-label={`Diagnosis for ${check.id}`}>
              {check.diagnosis.map((d) => (
                <li key={d.code}>
                  <code className="diag-code">{d.code}</code> <span>{d.summary}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {skew ? <TimestampTimeline skew={skew} /> : null}
        <EvidenceList detail={check.detail} label={`Evidence for ${check.id}`} collapsed={check.outcome === 'pass' || check.outcome === 'skip'} />
      </article>
    </li>
  );
}
