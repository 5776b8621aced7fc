/** Words and accessible names for check outcomes. */
import type { CheckId, Outcome } from '../../../shared/checks';

export const CHECK_LABELS: Record<CheckId, string> = {
  transport: 'Transport',
  'source-ip': 'Source IP',
  'rate-limit': 'Rate limit',
  'auth-token': 'Auth token',
  signature: 'Signature',
  timestamp: 'Timestamp',
  duplicate: 'Duplicate',
  payload: 'Payload',
};

export const CHECK_SHORT: Record<CheckId, string> = {
  transport: 'TLS',
  'source-ip': 'IP',
  'rate-limit': 'RATE',
  'auth-token': 'AUTH',
  signature: 'SIG',
  timestamp: 'TIME',
  duplicate: 'DUP',
  payload: 'BODY',
};

export const OUTCOME_WORDS: Record<Outcome, string> = { pass: 'Pass', fail: 'Fail', warn: 'Warning', skip: 'Skipped' };
export const OUTCOME_ICONS: Record<Outcome, string> = { pass: '✓', fail: '✕', warn: '!', skip: '–' };

/** "signature: fail (no_matching_signature)"; plain passes and skips leave the code out. */
export function pillName(check: { id: CheckId; outcome: Outcome; code: string }): string {
  const plain = (check.outcome === 'pass' && check.code === 'ok') || (check.outcome === 'skip' && check.code === 'skipped');
  return plain || !check.code ? `${check.id}: ${check.outcome}` : `${check.id}: ${check.outcome} (${check.code})`;
}
