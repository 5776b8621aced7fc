/** transport: HTTPS through the tunnel (X-Forwarded-Proto, trusted only there); plain local HTTP is a warning. */
import type { CheckResult } from '../../checks';
import type { RequestContext } from '../request-context';
import { excerpt } from '../support/evidence';
import { lastForwardedEntry } from '../support/headers';
import { result } from './result';

export function transportCheck(ctx: RequestContext): CheckResult {
  const proto = ctx.header('X-Forwarded-Proto');
  if (!ctx.req.viaTunnel) {
    // built by assignment rather than a conditional spread (same keys, same order): this runs per request
    const detail: Record<string, unknown> = { viaTunnel: false, protocol: 'http' };
    if (proto !== null) {
      detail.forwardedProtoIgnored = true;
      detail.forwardedProto = excerpt(proto, 20);
    }
    return result(
      'transport',
      'warn',
      'plain_http',
      'Received over plain HTTP on the local listener: fine for local testing, but providers require HTTPS — give them the tunnel URL.',
      detail,
    );
  }
  // the tunnel appends its own value: the last entry is the one to trust
  const first = lastForwardedEntry(ctx.req.rawHeaders, 'X-Forwarded-Proto')?.toLowerCase() ?? null;
  if (first === 'https') {
    return result('transport', 'pass', 'ok', 'Received over HTTPS through the tunnel.', { viaTunnel: true, protocol: 'https' });
  }
  if (first === null) {
    return result('transport', 'warn', 'no_forwarded_proto', 'The tunnel did not say which protocol the provider used (no X-Forwarded-Proto): check the tunnel configuration.', {
      viaTunnel: true,
    });
  }
  return result(
    'transport',
    'fail',
    'plain_http',
    "The provider called the tunnel's plain http:// URL, so the payload crossed the internet unencrypted: use the https:// URL in the provider's dashboard.",
    { viaTunnel: true, protocol: excerpt(first, 20) },
  );
}
