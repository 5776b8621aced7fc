/**
 * Check prose on read (derive/check-prose.ts): the chain is run again on the stored request — same
 * receipt time, the rate-limit and duplicate answers as recorded — and every check whose outcome and
 * code match what was recorded gets the re-run's summary, evidence and diagnosis, redacted like
 * everything else shown. Checks that differ (the source's secrets or settings changed since) keep the
 * generic sentence built from their code.
 */
import type { DeliveryDetail } from '../../../shared/api';
import type { CheckResult } from '../../../shared/checks';
import type { Redactor } from '../../../shared/redact';
import { runChain } from '../../../shared/verify/chain';
import type { CryptoPort } from '../../../shared/verify/ports';
import type { ChainSource, RateLimitPort } from '../../../shared/verify/types';
import { unmatchedChecks } from '../receiver/unmatched';

export interface ExplainDeps {
  chainSource(sourceId: string): ChainSource | null;
  otherSecrets(sourceId: string): Array<{ value: string; label: string }>;
  sourceIds(): string[];
  rawRequest(id: string): { target: string; headers: Array<[string, string]>; body: Uint8Array } | null;
  crypto: CryptoPort;
  redactor(): Redactor;
  localBaseUrl(): string;
}

function recordedRateLimit(recorded: CheckResult | undefined): RateLimitPort {
  const n = (name: string): number => (typeof recorded?.detail[name] === 'number' ? (recorded.detail[name] as number) : 0);
  return { hit: () => ({ allowed: recorded?.outcome !== 'fail', retryAfterSeconds: n('retryAfterSeconds'), count: n('count') }) };
}

function merge(recorded: CheckResult[], rerun: CheckResult[], redactor: Redactor): CheckResult[] {
  const shown = JSON.parse(redactor.value(rerun)) as CheckResult[];
  return recorded.map((c) => shown.find((r) => r.id === c.id && r.outcome === c.outcome && r.code === c.code) ?? c);
}

export function explainChecks(detail: DeliveryDetail, deps: ExplainDeps): DeliveryDetail {
  try {
    if (detail.sourceId === null) {
      const pathname = detail.path.split('?')[0];
      return { ...detail, checks: merge(detail.checks, unmatchedChecks(pathname, deps.sourceIds()), deps.redactor()) };
    }
    const source = deps.chainSource(detail.sourceId);
    if (!source) return detail;
    // junk and purged bodies: the redacted request still explains the checks that do not read the body
    const raw = (detail.rawAvailable ? deps.rawRequest(detail.id) : null) ?? { target: detail.path, headers: detail.headers, body: new Uint8Array(0) };
    const out = runChain(
      {
        method: detail.method,
        target: raw.target,
        rawHeaders: raw.headers,
        body: raw.body,
        bodyTruncated: detail.checks.some((c) => c.code === 'body_not_read' || c.code === 'too_large'),
        receivedAt: Date.parse(detail.receivedAt),
        remoteAddress: detail.clientIp,
        viaTunnel: false,
        publicBaseUrl: null,
        localBaseUrl: deps.localBaseUrl(),
      },
      source,
      {
        crypto: deps.crypto,
        rateLimiter: recordedRateLimit(detail.checks.find((c) => c.id === 'rate-limit')),
        idempotency: { lookup: () => detail.duplicateOf },
        otherSecrets: () => deps.otherSecrets(source.config.id),
      },
    );
    return { ...detail, checks: merge(detail.checks, out.checks, deps.redactor()) };
  } catch {
    // prose is a convenience: the recorded codes stand on their own
    return detail;
  }
}
