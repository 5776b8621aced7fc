import type { Outcome } from '../../../../shared/checks';
import { OUTCOME_ICONS, OUTCOME_WORDS } from '../../lib/check-labels';

/** Icon + word: colour is never the only signal. */
export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  return (
    <span className={`outcome outcome-${outcome}`}>
      <span aria-hidden="true" className="outcome-icon">
        {OUTCOME_ICONS[outcome]}
      </span>
      {OUTCOME_WORDS[outcome]}
    </span>
  );
}
