/**
 * Settings' "paste a request, see it verify": the real check chain runs on a pasted request (or a
 * captured delivery's raw request) with the source's stored secrets, and with form values not saved yet
 * in place of the stored provider, scheme and tolerance. The answer carries the checks that read the
 * request, redacted like the Checks tab — the secrets themselves never leave.
 */
import type { VerifyRequestArgs, VerifyRequestValue } from '../../../shared/api';
import type { CheckId, CheckResult } from '../../../shared/checks';
import { describeIssues, schemeSchema, type SourceConfig } from '../../../shared/config';
import type { Redactor } from '../../../shared/redact';
import { HookscopeError } from '../../../shared/result';
import { runChain } from '../../../shared/verify/chain';
import type { CryptoPort } from '../../../shared/verify/ports';
import type { ChainSource, InboundRequest } from '../../../shared/verify/types';
import { parsePastedHeaders } from './pasted-request';

export interface VerifyRequestDeps {
  chainSource(sourceId: string): ChainSource | null;
  otherSecrets(sourceId: string): Array<{ value: string; label: string }>;
  rawRequest(id: string): { target: string; headers: Array<[string, string]>; body: Uint8Array } | null;
  /** a stored delivery's method and receipt time (epoch ms) */
  captured(id: string): { method: string; receivedAt: number } | null;
  crypto: CryptoPort;
  redactor(): Redactor;
  localBaseUrl(): string;
  clock: { now(): number };
}

/** what the request itself decides; transport, source IP, rate limit and duplicates depend on how it arrives */
const SHOWN: readonly CheckId[] = ['auth-token', 'signature', 'timestamp', 'payload'];

function invalid(issues: Array<{ field: string; message: string }>): HookscopeError {
  return new HookscopeError('invalid_argument', `${issues[0].field}: ${issues[0].message}`, issues);
}

/** the stored source with the form's unsaved provider, scheme and tolerance in place */
function triedConfig(stored: SourceConfig, args: VerifyRequestArgs): SourceConfig {
  const provider = args.provider ?? stored.provider;
  let scheme = provider === 'generic-hmac' ? stored.scheme : undefined;
  if (args.scheme !== undefined && provider === 'generic-hmac') {
    const parsed = schemeSchema.safeParse(args.scheme);
    if (!parsed.success) throw invalid(describeIssues(parsed.error, 'args.scheme'));
    scheme = parsed.data;
  }
  if (provider === 'generic-hmac' && !scheme) {
    throw invalid([{ field: 'args.scheme', message: 'is required for Generic HMAC: fill in at least the signature header' }]);
  }
  return { ...stored, provider, scheme, toleranceSeconds: args.toleranceSeconds ?? stored.toleranceSeconds };
}

function inbound(args: VerifyRequestArgs, deps: VerifyRequestDeps): InboundRequest {
  const base = { remoteAddress: '127.0.0.1', viaTunnel: false, publicBaseUrl: null, localBaseUrl: deps.localBaseUrl(), bodyTruncated: false };
  if (args.deliveryId !== undefined) {
    const captured = deps.captured(args.deliveryId);
    if (captured === null) throw new HookscopeError('not_found', `No delivery with id ${args.deliveryId}: it may have been erased or purged by retention`);
    const raw = deps.rawRequest(args.deliveryId);
    if (!raw) throw new HookscopeError('raw_purged', `The raw request of ${args.deliveryId} was purged by retention (retention.rawBodyDays): paste the request instead`);
    // checked as of its receipt, like the Checks tab
    return { ...base, method: captured.method, target: raw.target, rawHeaders: raw.headers, body: raw.body, receivedAt: captured.receivedAt };
  }
  const pasted = parsePastedHeaders(args.headers ?? '');
  if (!pasted.ok) throw invalid(pasted.issues);
  const { method, target, headers } = pasted.value;
  return {
    ...base,
    method: method ?? 'POST',
    target: target ?? `/hooks/${args.sourceId}`,
    rawHeaders: headers,
    body: new TextEncoder().encode(args.body ?? ''),
    receivedAt: deps.clock.now(),
  };
}

export function verifyRequest(args: VerifyRequestArgs, deps: VerifyRequestDeps): VerifyRequestValue {
  const source = deps.chainSource(args.sourceId);
  if (!source) throw new HookscopeError('not_found', `No source with id "${args.sourceId}": save the source first`);
  const config = triedConfig(source.config, args);
  const request = inbound(args, deps);
  const out = runChain(request, { ...source, config }, {
    crypto: deps.crypto,
    rateLimiter: { hit: () => ({ allowed: true, retryAfterSeconds: 0, count: 1 }) },
    idempotency: { lookup: () => null },
    otherSecrets: () => deps.otherSecrets(args.sourceId),
  });
  const checks = (JSON.parse(deps.redactor().value(out.checks)) as CheckResult[]).filter((c) => SHOWN.includes(c.id));
  return { verified: !checks.some((c) => c.outcome === 'fail'), checks, checkedAt: new Date(request.receivedAt).toISOString() };
}
