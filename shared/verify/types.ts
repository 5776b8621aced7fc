/** The seam between the receiver (electron/core) and the check chain (shared/verify). */
import type { CheckResult, Verdict } from '../checks';
import type { SourceConfig } from '../config';
import type { CryptoPort } from './ports';

export interface InboundRequest {
  method: string;
  /** request target exactly as received: path and query, e.g. /hooks/stripe?token=abc */
  target: string;
  /** headers in wire order, names as sent */
  rawHeaders: Array<[string, string]>;
  /** raw bytes, never re-encoded; at most maxBodyBytes (+1 to detect overflow) */
  body: Uint8Array;
  /** the body was longer than maxBodyBytes and reading stopped */
  bodyTruncated: boolean;
  /** epoch ms */
  receivedAt: number;
  /** the TCP peer address (may be ::ffff:-mapped) */
  remoteAddress: string;
  /** came in on the tunnel's own listener: only then are X-Forwarded-* trusted */
  viaTunnel: boolean;
  /** public base URL the provider called (tunnel), e.g. https://abc.ngrok.app; null without a tunnel */
  publicBaseUrl: string | null;
  /** e.g. http://127.0.0.1:8787 */
  localBaseUrl: string;
}

export interface ResolvedSecret {
  value: string;
  /** human name for evidence: the label, else "secrets[0]" */
  label: string;
  /** epoch ms or null */
  retiresAt: number | null;
}

export interface ChainSource {
  config: SourceConfig;
  /** resolved values of config.secrets, same order; unresolvable ones are left out (readiness reports them) */
  secrets: ResolvedSecret[];
  authTokens: string[];
}

export interface RateLimitPort {
  /** records one hit for key and says whether it is within max per window */
  hit(key: string, max: number, windowMs: number, now: number): { allowed: boolean; retryAfterSeconds: number; count: number };
}

export interface IdempotencyPort {
  /** id of the first delivery that registered this key and has not expired, else null */
  lookup(sourceId: string, key: string, now: number): string | null;
}

export interface ChainPorts {
  crypto: CryptoPort;
  rateLimiter: RateLimitPort;
  idempotency: IdempotencyPort;
  /** secrets of other sources and retired ones, for the other_secret diagnosis; labels never values in output */
  otherSecrets(): Array<{ value: string; label: string }>;
}

export interface ChainOptions {
  /**
   * false: only the outcomes, codes and numbers are wanted (the receiver: the journal records codes,
   * prose is produced when a delivery is read), so evidence text and diagnosis are not built — a
   * badly signed request then costs no diagnosis before its 401. Every outcome, code, number and answer
   * is the same as with true (the default).
   */
  explain?: boolean;
}

export interface ChainOutput {
  checks: CheckResult[];
  verdict: Verdict;
  /** the HTTP status to answer (200 in observe mode) */
  status: number;
  responseHeaders: Record<string, string>;
  /** generic JSON body, e.g. {"error":"Unauthorized"}; never echoes what was expected */
  responseBody: string;
  eventType: string | null;
  /** the key computed from the request (null when none); registered only when verified */
  idempotencyKey: string | null;
  duplicateOf: string | null;
  /** client IP used by source-ip and rate-limit (X-Forwarded-For only via the tunnel) */
  clientIp: string;
}
