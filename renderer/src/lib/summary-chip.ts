/** One chip per row: the verdict and, when rejected, the check that failed first, by name. */
import type { DeliverySummary } from '../../../shared/api';
import { CHECK_LABELS } from './check-labels';

export interface Chip {
  label: string;
  tone: 'pass' | 'fail' | 'dup';
  /** the query term a click on the chip adds */
  term: string;
  /** the accessible description */
  title: string;
}

export function summaryChip(item: Pick<DeliverySummary, 'verdict' | 'checks' | 'duplicateOf'>): Chip {
  if (item.duplicateOf) return { label: 'Duplicate', tone: 'dup', term: 'dup:yes', title: `Duplicate of ${item.duplicateOf}: answered 200, not forwarded again` };
  const failed = item.checks.find((c) => c.outcome === 'fail');
  if (item.verdict === 'rejected' || failed) {
    if (!failed) return { label: 'Rejected', tone: 'fail', term: 'verdict:rejected', title: 'Rejected' };
    const more = item.checks.filter((c) => c.outcome === 'fail').length - 1;
    return {
      label: `${CHECK_LABELS[failed.id]} failed${more > 0 ? ` +${more}` : ''}`,
      tone: 'fail',
      term: `fail:${failed.id}`,
      title: `Rejected: ${failed.id} failed (${failed.code})`,
    };
  }
  const warned = item.checks.find((c) => c.outcome === 'warn');
  // a warning (plain HTTP on loopback, say) does not change the verdict: named on hover, not in the chip
  if (warned) return { label: 'Verified', tone: 'pass', term: 'verdict:verified', title: `Verified, with a warning: ${warned.id} (${warned.code})` };
  return { label: 'Verified', tone: 'pass', term: 'verdict:verified', title: 'Verified: every check passed' };
}
