import type { CheckId, Outcome } from '../../../../shared/checks';
import { CHECK_SHORT, pillName } from '../../lib/check-labels';

interface Props {
  check: { id: CheckId; outcome: Outcome; code: string };
}

/** One check as a small coloured pill; its accessible name says check, outcome and code. */
export function CheckPill({ check }: Props) {
  const name = pillName(check);
  return (
    <span role="img" aria-label={name} title={name} className={`pill pill-${check.outcome}`}>
      {CHECK_SHORT[check.id] ?? check.id}
    </span>
  );
}
