/** Check ids, outcomes and codes of the chain (docs/api.md "Checks and codes"). A public contract: never rename. */
export const CHECK_IDS = [
  'transport',
  'source-ip',
  'rate-limit',
  'auth-token',
  'signature',
  'timestamp',
  'duplicate',
  'payload',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type Outcome = 'pass' | 'fail' | 'warn' | 'skip';

export interface Diagnosis {
  /** reserialized_json | body_whitespace | other_secret | secret_whitespace | secret_encoding |
   *  wrong_encoding | wrong_algorithm | wrong_url | milliseconds | timezone | clock_drift */
  code: string;
  summary: string;
}

export interface CheckResult {
  id: CheckId;
  outcome: Outcome;
  /** stable snake_case code, e.g. no_matching_signature; 'ok' for a plain pass, 'skipped' for a plain skip */
  code: string;
  /** one human sentence that says what to do */
  summary: string;
  /** structured evidence; never a secret */
  detail: Record<string, unknown>;
  diagnosis: Diagnosis[];
}

export type Verdict = 'verified' | 'rejected';
