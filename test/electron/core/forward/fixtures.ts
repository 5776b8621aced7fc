/** Sources and deliveries for the forward tests. */
import { sourceSchema, type HookscopeConfigInput } from '../../../../shared/config';
import type { ChainSource } from '../../../../shared/verify/types';
import type { NewDelivery } from '../../../../electron/core/store/types';
import type { LookupFn } from '../../../../electron/core/forward/target-policy';

type SourceInput = NonNullable<HookscopeConfigInput['sources']>[number];

export function chainSource(input: SourceInput, secrets: Array<{ value: string; label?: string; retiresAt?: number | null }> = []): ChainSource {
  return {
    config: sourceSchema.parse(input),
    secrets: secrets.map((s, i) => ({ value: s.value, label: s.label ?? `secrets[${i}]`, retiresAt: s.retiresAt ?? null })),
    authTokens: [],
  };
}

export function delivery(over: Partial<NewDelivery> & { id: string }): NewDelivery {
  return {
    receivedAt: Date.UTC(2026, 0, 15, 12, 0, 0),
    sourceId: 'src',
    method: 'POST',
    target: `/hooks/${over.sourceId ?? 'src'}`,
    headers: [['Host', 'abc.ngrok.app'], ['Content-Type', 'application/json'], ['Connection', 'keep-alive']],
    rawBody: new TextEncoder().encode('{"ok":true}'),
    bodyTruncated: false,
    clientIp: '127.0.0.1',
    checks: [],
    verdict: 'verified',
    status: 200,
    eventType: null,
    idempotencyKey: null,
    duplicateOf: null,
    idempotencyExpiresAt: null,
    forwardTarget: null,
    ...over,
  };
}

/** resolves localhost (and any *.loop.test) to 127.0.0.1; everything else is unknown */
export const loopLookup: LookupFn = async (host) => {
  if (host === 'localhost' || host.endsWith('.loop.test')) return [{ address: '127.0.0.1', family: 4 }];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
};
