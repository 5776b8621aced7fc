/** rate-limit: per client IP per source (skip when rateLimit is null). */
import type { CheckResult } from '../../checks';
import type { ClientIp } from '../client-ip';
import type { RequestContext } from '../request-context';
import type { RateLimitPort } from '../types';
import { result } from './result';

export interface RateLimitOutcome {
  result: CheckResult;
  retryAfterSeconds: number | null;
}

export function rateLimitCheck(ctx: RequestContext, client: ClientIp, limiter: RateLimitPort): RateLimitOutcome {
  const limit = ctx.source.config.rateLimit;
  if (!limit) {
    return { result: result('rate-limit', 'skip', 'skipped', 'Rate limiting is off for this source (rateLimit: null).'), retryAfterSeconds: null };
  }
  const key = `${ctx.source.config.id}|${client.text}`;
  const hit = limiter.hit(key, limit.max, limit.windowSeconds * 1000, ctx.req.receivedAt);
  const detail = { clientIp: client.text, count: hit.count, max: limit.max, windowSeconds: limit.windowSeconds };
  if (hit.allowed) {
    return { result: result('rate-limit', 'pass', 'ok', `Within the limit (${hit.count} of ${limit.max} per ${limit.windowSeconds} s).`, detail), retryAfterSeconds: null };
  }
  return {
    result: result(
      'rate-limit',
      'fail',
      'exceeded',
      `More than ${limit.max} requests in ${limit.windowSeconds} s from ${client.text}: the sender should back off for ${hit.retryAfterSeconds} s (Retry-After); raise rateLimit if this volume is expected.`,
      { ...detail, retryAfterSeconds: hit.retryAfterSeconds },
    ),
    retryAfterSeconds: hit.retryAfterSeconds,
  };
}
