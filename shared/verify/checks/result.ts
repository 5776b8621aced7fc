/** Constructors for check results. */
import type { CheckId, CheckResult, Diagnosis, Outcome } from '../../checks';

export function result(
  id: CheckId,
  outcome: Outcome,
  code: string,
  summary: string,
  detail: Record<string, unknown> = {},
  diagnosis: Diagnosis[] = [],
): CheckResult {
  return { id, outcome, code, summary, detail, diagnosis };
}

/** the body was cut at maxBodyBytes: checks over the body cannot run */
export function bodyNotRead(id: CheckId): CheckResult {
  return result(id, 'skip', 'body_not_read', 'Skipped: the body was not read in full (it exceeds maxBodyBytes); see the payload check.', {
    reason: 'body not read in full',
  });
}

/** a capture-only source (no provider preset): nothing to verify the request against */
export function noProvider(id: CheckId): CheckResult {
  return result(id, 'skip', 'no_provider', 'Skipped: no provider configured for this source, so the request is captured and forwarded unverified (pick a provider preset to check it).', {
    reason: 'no provider configured',
  });
}

/** a check that threw on this input: reported, never propagated */
export function crashed(id: CheckId): CheckResult {
  return result(id, 'fail', 'check_error', 'This check could not evaluate the request (an internal error): the request was rejected to be safe; please report it.', {});
}

/** the rate limit was exceeded: the rest of the chain does not run, so a flood costs no HMAC */
export function notCheckedRateLimited(id: CheckId): CheckResult {
  return result(id, 'skip', 'rate_limited', 'Not checked: the request exceeded the rate limit (see the rate-limit check), so nothing else was evaluated.', {});
}
