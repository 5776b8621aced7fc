/** The idempotency report of a chaos replay, as the terminal shows it (the UI shows the same facts). */
import type { IdempotencyReport } from '../../../shared/api';

export function reportLines(report: IdempotencyReport): string[] {
  const statuses = report.statuses.map((s) => (s === null ? 'ERR' : String(s))).join(' ');
  const lines = [`statuses: ${statuses}  (${report.distinctBodies} distinct response ${report.distinctBodies === 1 ? 'body' : 'bodies'})`];
  if (report.probeBefore !== null || report.probeAfter !== null) {
    lines.push(`probe before: ${JSON.stringify(report.probeBefore)}`, `probe after:  ${JSON.stringify(report.probeAfter)}`);
  }
  const label = report.verdict === 'not_idempotent' ? 'NOT IDEMPOTENT' : report.verdict === 'idempotent' ? 'idempotent' : 'unknown';
  lines.push(`verdict: ${label}: ${report.summary}`);
  return lines;
}

export function reportJson(deliveryId: string, report: IdempotencyReport): string {
  return JSON.stringify({ kind: 'report', deliveryId, ...report });
}
