/**
 * The check chain (docs/api.md "Checks and codes"): every check runs and reports; a failed one does not hide the others. Pure: no
 * I/O, crypto and storage come in through ports. Hostile input never throws (a crashing check is reported as
 * check_error); an unknown preset does (misuse).
 */
import type { CheckId, CheckResult } from '../checks';
import { authTokenCheck } from './checks/auth-token';
import { duplicateCheck } from './checks/duplicate';
import { payloadCheck, tooLarge } from './checks/payload';
import { rateLimitCheck } from './checks/rate-limit';
import { crashed, noProvider, notCheckedRateLimited, result } from './checks/result';
import { signatureCheck } from './checks/signature';
import { sourceIpCheck } from './checks/source-ip';
import { timestampCheck } from './checks/timestamp';
import { transportCheck } from './checks/transport';
import { type ClientIp, resolveClientIp } from './client-ip';
import { getPreset } from './presets/index';
import type { IdempotencyKey, SignatureRead } from './presets/types';
import { createRequestContext } from './request-context';
import type { ChainOptions, ChainOutput, ChainPorts, ChainSource, InboundRequest } from './types';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
};

function statusFor(check: CheckResult): number {
  switch (check.id) {
    case 'transport':
    case 'source-ip':
      return 403;
    case 'rate-limit':
      return 429;
    case 'payload':
      return check.code === 'too_large' ? 413 : 400;
    default:
      return 401;
  }
}

function guard<T>(id: CheckId, run: () => T, onCrash: (r: CheckResult) => T): T {
  try {
    return run();
  } catch {
    return onCrash(crashed(id));
  }
}

function quiet<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}

export function runChain(req: InboundRequest, source: ChainSource, ports: ChainPorts, options: ChainOptions = {}): ChainOutput {
  const ctx = createRequestContext(req, source, ports.crypto, options.explain ?? true);
  const client: ClientIp = quiet(() => resolveClientIp(req), { text: String(req.remoteAddress).slice(0, 64), address: null, from: 'peer', forwardedForIgnored: false });

  const transport = guard('transport', () => transportCheck(ctx), (r) => r);
  const sourceIp = guard('source-ip', () => sourceIpCheck(ctx, client), (r) => r);
  const rate = guard('rate-limit', () => rateLimitCheck(ctx, client, ports.rateLimiter), (r) => ({ result: r, retryAfterSeconds: null }));
  // a rate-limited request is junk: answered and counted, never verified (no HMAC, no key lookup)
  if (rate.result.outcome === 'fail') return rateLimited(source, transport, sourceIp, rate, client);
  const auth = guard('auth-token', () => authTokenCheck(ctx), (r) => r);
  if (!source.config.provider) {
    // capture-only: what needs a preset is skipped, the rest still guards the receiver
    const payload = req.bodyTruncated ? tooLarge(ctx).result : result('payload', 'skip', 'no_provider', 'Not parsed: no provider configured, so any body is accepted as sent.', {});
    const checks = [transport, sourceIp, rate.result, auth, noProvider('signature'), noProvider('timestamp'), noProvider('duplicate'), payload];
    return { checks, ...answer(source, checks, rate.retryAfterSeconds), eventType: null, idempotencyKey: null, duplicateOf: null, clientIp: client.text };
  }
  const preset = getPreset(source.config.provider);
  const signature = guard('signature', () => signatureCheck(ctx, preset, ports), (r) => ({ result: r, sig: null as SignatureRead | null }));
  const verified = signature.result.outcome === 'pass' || signature.result.outcome === 'warn';
  const timestamp = guard('timestamp', () => timestampCheck(ctx, preset, signature.sig, verified), (r) => r);
  const key: IdempotencyKey | null =
    req.bodyTruncated || !signature.sig ? null : quiet(() => preset.idempotencyKey(ctx, signature.sig as SignatureRead), null);
  const duplicate = guard('duplicate', () => duplicateCheck(ctx, key, verified, ports.idempotency), (r) => ({ result: r, duplicateOf: null }));
  const payload = guard('payload', () => payloadCheck(ctx, preset), (r) => ({ result: r, eventType: null }));

  const checks = [transport, sourceIp, rate.result, auth, signature.result, timestamp, duplicate.result, payload.result];
  return {
    checks,
    ...answer(source, checks, rate.retryAfterSeconds),
    eventType: payload.eventType,
    idempotencyKey: key?.key ?? null,
    duplicateOf: duplicate.duplicateOf,
    clientIp: client.text,
  };
}

/** verdict and HTTP answer: the first failing check in chain order sets the status (enforce mode) */
function answer(source: ChainSource, checks: CheckResult[], retryAfterSeconds: number | null): Pick<ChainOutput, 'verdict' | 'status' | 'responseHeaders' | 'responseBody'> {
  const failed = checks.find((c) => c.outcome === 'fail') ?? null;
  const responseHeaders: Record<string, string> = { 'Content-Type': 'application/json' };
  let status = 200;
  let responseBody = '{"success":true}';
  if (failed && source.config.mode === 'enforce') {
    status = statusFor(failed);
    responseBody = JSON.stringify({ error: STATUS_TEXT[status] });
    if (status === 429 && retryAfterSeconds !== null) responseHeaders['Retry-After'] = String(retryAfterSeconds);
  }
  return { verdict: failed ? 'rejected' : 'verified', status, responseHeaders, responseBody };
}

function rateLimited(
  source: ChainSource,
  transport: CheckResult,
  sourceIp: CheckResult,
  rate: { result: CheckResult; retryAfterSeconds: number | null },
  client: ClientIp,
): ChainOutput {
  const rest = (['auth-token', 'signature', 'timestamp', 'duplicate', 'payload'] as const).map(notCheckedRateLimited);
  const checks = [transport, sourceIp, rate.result, ...rest];
  return { checks, ...answer(source, checks, rate.retryAfterSeconds), eventType: null, idempotencyKey: null, duplicateOf: null, clientIp: client.text };
}
