/** source-ip: the client IP must fall within allowIps (skip when there is no allowlist). */
import type { CheckResult } from '../../checks';
import { type ClientIp, inRange, parseRange } from '../client-ip';
import type { RequestContext } from '../request-context';
import { result } from './result';

export function sourceIpCheck(ctx: RequestContext, client: ClientIp): CheckResult {
  const allow = ctx.source.config.allowIps ?? [];
  // by assignment rather than a conditional spread (same keys, same order): this runs per request
  const evidence: Record<string, unknown> = { clientIp: client.text, from: client.from };
  if (client.forwardedForIgnored) evidence.forwardedForIgnored = true;
  if (allow.length === 0) {
    return result('source-ip', 'skip', 'no_allowlist', 'No IP allowlist is configured: add the provider\'s published ranges to allowIps to restrict who can call this endpoint.', evidence);
  }
  if (!client.address) {
    return result('source-ip', 'fail', 'not_allowed', 'The client address is not a valid IP address, so it cannot be on the allowlist: the request was refused.', {
      ...evidence,
      unparseable: true,
    });
  }
  const invalid: string[] = [];
  for (const entry of allow) {
    const range = parseRange(entry);
    if (!range) {
      invalid.push(entry);
      continue;
    }
    if (inRange(client.address, range)) {
      return result('source-ip', 'pass', 'ok', `The client IP ${client.text} is within the allowlist.`, { ...evidence, matched: entry });
    }
  }
  return result(
    'source-ip',
    'fail',
    'not_allowed',
    `The client IP ${client.text} is not in allowIps: if this is really the provider, add its published range; otherwise someone else is calling the endpoint.`,
    { ...evidence, allowlistSize: allow.length, ...(invalid.length ? { invalidEntries: invalid.slice(0, 10) } : {}) },
  );
}
