/** Checklist items against replayed requests: timestamp tolerance and what catches a replay. */
import type { ReadinessItem } from '../../../shared/api';
import type { SourceConfig } from '../../../shared/config';
import { readinessItem } from './context';
import { providerFacts } from './provider-facts';

/** seed 002: 300 s (5 minutes) recommended; up to 600 s for clock skew; never above 900 s */
export const RECOMMENDED_TOLERANCE_SECONDS = 300;
export const MAX_TOLERANCE_SECONDS = 900;

export function timestampToleranceItem(source: SourceConfig): ReadinessItem {
  const label = `Timestamp tolerance is at most ${RECOMMENDED_TOLERANCE_SECONDS} s`;
  const facts = providerFacts(source);
  const t = source.toleranceSeconds;
  if (facts.timestamp === 'none') {
    return readinessItem('timestamp-tolerance', label, 'pass',
      `${facts.label} sends no timestamp, so toleranceSeconds is not used (see replay protection)`);
  }
  if (t > MAX_TOLERANCE_SECONDS) {
    return readinessItem('timestamp-tolerance', label, 'fail',
      `toleranceSeconds is ${t}: never accept webhooks more than ${MAX_TOLERANCE_SECONDS} s (15 minutes) old — set it to ${RECOMMENDED_TOLERANCE_SECONDS}`);
  }
  if (t > RECOMMENDED_TOLERANCE_SECONDS) {
    return readinessItem('timestamp-tolerance', label, 'warn',
      `toleranceSeconds is ${t}: a captured request stays replayable that long. Set ${RECOMMENDED_TOLERANCE_SECONDS} and fix clock skew with NTP; ` +
      `widen to 600 only if legitimate deliveries fail with too_old, never beyond ${MAX_TOLERANCE_SECONDS}`);
  }
  return readinessItem('timestamp-tolerance', label, 'pass', `Timestamps more than ${t} s old or ahead are rejected`);
}

export function replayProtectionItem(source: SourceConfig): ReadinessItem {
  const label = 'Replayed requests are rejected';
  const facts = providerFacts(source);
  const keyOnly = `duplicates are caught only by the idempotency key (${facts.replayKey}) while it is remembered (retention.idempotencyHours)`;
  switch (facts.timestamp) {
    case 'signed':
      return readinessItem('replay-protection', label, 'pass',
        `The signature covers a timestamp (±${source.toleranceSeconds} s), so a captured request expires; within that window the idempotency key (${facts.replayKey}) flags it as a duplicate`);
    case 'optional':
      return readinessItem('replay-protection', label, 'warn',
        `${facts.label} includes a timestamp only in some payloads: without one, ${keyOnly}. Keep the IP allowlist and an auth token as further defence`);
    case 'unsigned':
      return readinessItem('replay-protection', label, 'warn',
        `The timestamp header is not part of the signed content, so a replay can carry a fresh one and ${keyOnly}. ` +
        'If the provider signs the timestamp, add {timestamp} to scheme.template');
    case 'none':
      return readinessItem('replay-protection', label, 'warn',
        `${facts.label} signs no timestamp, so a captured request stays valid forever: ${keyOnly}. Add an IP allowlist and an auth token as further defence`);
  }
}
