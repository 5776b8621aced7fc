/** Builders for chain tests: sources, requests and ports (real crypto, real rate limiter). */
import { type SourceConfig, sourceSchema } from '../../../shared/config';
import type { ProviderId } from '../../../shared/providers';
import { createRateLimiter } from '../../../shared/verify/rate-limiter';
import type { SignedRequest } from '../../../shared/verify/signer';
import type { ChainPorts, ChainSource, InboundRequest, RateLimitPort, ResolvedSecret } from '../../../shared/verify/types';
import { nodeCryptoPort } from '../../helpers/node-crypto-port';

export const LOCAL = 'http://127.0.0.1:8787';
export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

export type SecretSpec = string | { value: string; label?: string; retiresAt?: number | null };

export function makeSource(
  provider: ProviderId,
  opts: { config?: Record<string, unknown>; secrets?: SecretSpec[]; authTokens?: string[] } = {},
): ChainSource {
  const config: SourceConfig = sourceSchema.parse({ id: `src-${provider}`, provider, rateLimit: null, ...(opts.config ?? {}) });
  const secrets: ResolvedSecret[] = (opts.secrets ?? []).map((s, i) =>
    typeof s === 'string'
      ? { value: s, label: `secrets[${i}]`, retiresAt: null }
      : { value: s.value, label: s.label ?? `secrets[${i}]`, retiresAt: s.retiresAt ?? null },
  );
  return { config, secrets, authTokens: opts.authTokens ?? [] };
}

export function makeRequest(partial: Partial<InboundRequest> = {}): InboundRequest {
  return {
    method: 'POST',
    target: '/hooks/test',
    rawHeaders: [],
    body: new Uint8Array(),
    bodyTruncated: false,
    receivedAt: T0,
    remoteAddress: '127.0.0.1',
    viaTunnel: false,
    publicBaseUrl: null,
    localBaseUrl: LOCAL,
    ...partial,
  };
}

/** the inbound request the receiver would see for a signed request sent to LOCAL (or through the tunnel) */
export function toInbound(signed: SignedRequest, opts: Partial<InboundRequest> & { publicBase?: string } = {}): InboundRequest {
  const u = new URL(signed.url);
  const { publicBase, ...rest } = opts;
  const viaTunnel = publicBase !== undefined;
  return makeRequest({
    method: signed.method,
    target: `${u.pathname}${u.search}`,
    rawHeaders: [...signed.headers, ...(viaTunnel ? ([['X-Forwarded-Proto', 'https'], ['X-Forwarded-For', '203.0.113.7']] as Array<[string, string]>) : [])],
    body: signed.body,
    viaTunnel,
    publicBaseUrl: publicBase ?? null,
    ...rest,
  });
}

export interface TestPorts extends ChainPorts {
  lookups: Array<{ sourceId: string; key: string }>;
}

export function makePorts(opts: { seen?: Record<string, string>; others?: Array<{ value: string; label: string }>; rateLimiter?: RateLimitPort } = {}): TestPorts {
  const lookups: Array<{ sourceId: string; key: string }> = [];
  return {
    crypto: nodeCryptoPort,
    rateLimiter: opts.rateLimiter ?? createRateLimiter(),
    idempotency: {
      lookup(sourceId, key) {
        lookups.push({ sourceId, key });
        return opts.seen?.[key] ?? null;
      },
    },
    otherSecrets: () => opts.others ?? [],
    lookups,
  };
}

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const dec = (b: Uint8Array): string => new TextDecoder().decode(b);
