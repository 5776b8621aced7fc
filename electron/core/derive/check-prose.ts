/**
 * Check results are stored as codes (ingest/check-codes.ts); their prose is produced when read.
 * Given the chain re-run on the stored request (same receipt time, recorded rate-limit and duplicate
 * answers), a check whose outcome and code match keeps the re-run's full summary, evidence and
 * diagnosis; otherwise (the source's configuration changed since, or the body is gone) the recorded
 * code is explained in a generic sentence with the numbers recorded at receipt.
 */
import type { CheckResult } from '../../../shared/checks';
import { decodeChecks, isLegacyChecks, type CheckCode } from '../ingest/check-codes';

const OUTCOME_WORD: Record<CheckResult['outcome'], string> = { pass: 'Passed', fail: 'Failed', warn: 'Warning', skip: 'Skipped' };

function generic(c: CheckCode): CheckResult {
  const numbers = Object.entries(c.numbers).map(([k, v]) => `${k} ${v}`).join(', ');
  const what = c.code === 'ok' || c.code === 'skipped' ? '' : `: ${c.code.replace(/_/g, ' ')}`;
  return {
    id: c.id,
    outcome: c.outcome,
    code: c.code,
    summary: `${OUTCOME_WORD[c.outcome]}${what}${numbers ? ` (${numbers})` : ''} — recorded at receipt.`,
    detail: { ...c.numbers },
    diagnosis: [],
  };
}

export function checksFromStored(stored: string, rerun: readonly CheckResult[] | null = null): CheckResult[] {
  if (isLegacyChecks(stored)) {
    const v: unknown = JSON.parse(stored);
    return Array.isArray(v) ? (v as CheckResult[]) : [];
  }
  return decodeChecks(stored).map((c) => {
    const same = rerun?.find((r) => r.id === c.id);
    return same && same.outcome === c.outcome && same.code === c.code ? same : generic(c);
  });
}

type CheckCodes = ReadonlyArray<Readonly<Pick<CheckResult, 'id' | 'outcome' | 'code'>>>;

/** code strings repeat across deliveries (same source, same outcome): each is decoded once while it is seen */
const decodedCodes = new Map<string, CheckCodes>();
const DECODED_CODES_MAX = 1024;

/** id, outcome and code only: what a list row needs (shared between calls: copy before changing it) */
export function checkCodesFromStored(stored: string): CheckCodes {
  let codes = decodedCodes.get(stored);
  if (codes === undefined) {
    const decoded = isLegacyChecks(stored) ? checksFromStored(stored) : decodeChecks(stored);
    codes = decoded.map((c) => ({ id: c.id, outcome: c.outcome, code: c.code }));
    if (decodedCodes.size >= DECODED_CODES_MAX) decodedCodes.clear();
    decodedCodes.set(stored, codes);
  }
  return codes;
}
