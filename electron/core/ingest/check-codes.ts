/**
 * Check results as compact codes: what the journal and the display row keep instead of the check
 * objects. One entry per check in chain order: `<outcome letter><code>` plus the few numbers that vary
 * (`name=value`), entries joined by `|`, e.g. `pok|sskipped|pok count=1,max=5|fno_matching_signature|…`.
 * Summaries, evidence and diagnosis prose are rebuilt when a delivery is read (derive/check-prose.ts).
 */
import { CHECK_IDS, type CheckId, type CheckResult, type Outcome } from '../../../shared/checks';

export interface CheckCode {
  id: CheckId;
  outcome: Outcome;
  code: string;
  numbers: Record<string, number>;
}

const LETTER: Record<Outcome, string> = { pass: 'p', fail: 'f', warn: 'w', skip: 's' };
const OUTCOME: Record<string, Outcome> = { p: 'pass', f: 'fail', w: 'warn', s: 'skip' };
const SAFE_CODE = /^[a-z0-9_]{1,64}$/;
const SAFE_NAME = /^[A-Za-z][A-Za-z0-9]{0,31}$/;

/** codes and evidence keys seen so far, and whether they are safe (a fixed handful: each tested once) */
const tested = new Map<RegExp, Map<string, boolean>>([[SAFE_CODE, new Map()], [SAFE_NAME, new Map()]]);

function passes(pattern: RegExp, text: string): boolean {
  const seen = tested.get(pattern) as Map<string, boolean>;
  let safe = seen.get(text);
  if (safe === undefined) {
    safe = pattern.test(text);
    if (seen.size < 512) seen.set(text, safe);
  }
  return safe;
}

function numbersOf(detail: Record<string, unknown>): string {
  let out = '';
  for (const name in detail) {
    const value = detail[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || !passes(SAFE_NAME, name)) continue;
    out += `${out ? ',' : ''}${name}=${value}`;
  }
  return out;
}

export function encodeChecks(checks: readonly CheckResult[]): string {
  let out = '';
  for (let i = 0; i < checks.length; i++) {
    const c = checks[i];
    const code = passes(SAFE_CODE, c.code) ? c.code : 'other';
    const numbers = numbersOf(c.detail);
    out += `${i ? '|' : ''}${LETTER[c.outcome]}${c.id === CHECK_IDS[i] ? '' : `${c.id}:`}${code}${numbers ? ` ${numbers}` : ''}`;
  }
  return out;
}

export function decodeChecks(codes: string): CheckCode[] {
  if (codes === '') return [];
  return codes.split('|').map((entry, i) => {
    const space = entry.indexOf(' ');
    const head = space < 0 ? entry : entry.slice(0, space);
    const outcome = OUTCOME[head[0]] ?? 'skip';
    const colon = head.indexOf(':');
    const id = (colon < 0 ? CHECK_IDS[i] : head.slice(1, colon)) as CheckId;
    const code = colon < 0 ? head.slice(1) : head.slice(colon + 1);
    const numbers: Record<string, number> = {};
    if (space >= 0) {
      for (const pair of entry.slice(space + 1).split(',')) {
        const [name, value] = pair.split('=');
        if (name && value !== undefined) numbers[name] = Number(value);
      }
    }
    return { id, outcome, code, numbers };
  });
}

/** the codes a stored `checks` column holds: compact codes, or the check objects of rows written before v3 */
export function isLegacyChecks(stored: string): boolean {
  return stored.startsWith('[');
}

/**
 * The codes of a delivery found to be a duplicate only at commit (another replica registered the same
 * idempotency key first, store/postgres/journal.ts): its duplicate check becomes the warning a
 * duplicate gets when the key is already known at receipt.
 */
export function markDuplicateCodes(codes: string): string {
  const entries = codes.split('|');
  const i = decodeChecks(codes).findIndex((c) => c.id === 'duplicate');
  if (i < 0) return codes;
  entries[i] = `w${CHECK_IDS[i] === 'duplicate' ? '' : 'duplicate:'}duplicate`;
  return entries.join('|');
}
