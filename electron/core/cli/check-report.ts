/**
 * The check chain's results as text a person or an agent can act on: one line per check (outcome, id,
 * code, what to do), each matching diagnosis under it. Used by `verify` and by MCP `explain_delivery`.
 */
import type { CheckResult, Verdict } from '../../../shared/checks';

export function checkLines(checks: CheckResult[]): string[] {
  const width = Math.max(...checks.map((c) => c.id.length));
  const lines: string[] = [];
  for (const c of checks) {
    lines.push(`${c.outcome.toUpperCase().padEnd(4)}  ${c.id.padEnd(width)}  ${c.code}: ${c.summary}`);
    for (const d of c.diagnosis ?? []) lines.push(`${' '.repeat(width + 8)}diagnosis ${d.code}: ${d.summary}`);
  }
  return lines;
}

export function verdictLine(verdict: Verdict, checks: CheckResult[]): string {
  const failed = checks.find((c) => c.outcome === 'fail');
  return failed ? `${verdict}: ${failed.id} failed (${failed.code})` : verdict;
}
