/**
 * One delivery explained as plain text an agent (or a person) can act on: what arrived, each check with
 * its outcome, reason and diagnosis, what Hookscope answered, and what happened when it was forwarded.
 */
import type { DeliveryDetail } from '../../../shared/api';
import { checkLines, verdictLine } from './check-report';

function nextStep(d: DeliveryDetail): string {
  const failed = d.checks.find((c) => c.outcome === 'fail');
  if (failed) return `Next: fix the ${failed.id} check first — ${failed.summary}`;
  if (d.duplicateOf) return `Next: nothing to fix — this is a retry of ${d.duplicateOf}, answered 200 and not forwarded again.`;
  const lastAttempt = d.attempts.at(-1);
  if (lastAttempt && (lastAttempt.status === null || lastAttempt.status >= 300)) {
    return `Next: the delivery verified, but your handler at ${lastAttempt.target} answered ${lastAttempt.status ?? `nothing (${lastAttempt.error ?? 'no response'})`}: debug the handler, then replay ${d.id}.`;
  }
  return 'Next: nothing to fix — the delivery verified.';
}

export function explainDelivery(d: DeliveryDetail): string {
  const lines = [
    `Delivery ${d.id}: ${d.method} ${d.path} to source ${d.sourceId ?? '(none: unmatched path)'} at ${d.receivedAt}`,
    `Event type: ${d.eventType ?? 'unknown'}; ${d.size} bytes; client ${d.clientIp}; Hookscope answered HTTP ${d.status}.`,
    `Verdict: ${verdictLine(d.verdict, d.checks)}`,
    '',
    'Checks (outcome, check, code: what it means / what to do):',
    ...checkLines(d.checks).map((l) => `  ${l}`),
  ];
  if (d.attempts.length > 0) {
    lines.push('', 'Forward and replay attempts:');
    for (const a of d.attempts) {
      lines.push(`  ${a.at} ${a.mode} -> ${a.target}: ${a.status === null ? `no response (${a.error ?? 'error'})` : `HTTP ${a.status}`} in ${a.durationMs} ms`);
    }
  } else if (d.forward) {
    lines.push('', `Forwarding: ${d.forward.state}.`);
  }
  lines.push('', nextStep(d));
  return lines.join('\n');
}
