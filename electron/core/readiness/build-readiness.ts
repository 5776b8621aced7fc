/**
 * Gathers the ReadinessContext for one source from the live services and runs the checklist: the
 * glue between getReadiness and the pure readinessFor.
 */
import type { ConfigValue, DeliverySummary, ListDeliveriesArgs, ReadinessItem, TunnelStatus } from '../../../shared/api';
import type { HookscopeConfig } from '../../../shared/config';
import { HookscopeError } from '../../../shared/result';
import type { Awaitable } from '../store/types';
import type { Fingerprinter, SecretOpener } from '../config/secret-ref';
import { describeAuthTokens } from './auth-token-infos';
import { readinessFor } from './checklist';
import type { Environment, ReadinessContext } from './context';

/** how many of the source's latest deliveries count as "recent" */
export const RECENT_DELIVERIES = 100;

export interface BuildReadinessArgs {
  sourceId: string;
  config: {
    current(): HookscopeConfig;
    view(): ConfigValue;
    chainSource(sourceId: string): { authTokens: string[] } | null;
  };
  store: { list(args: ListDeliveriesArgs): Awaitable<{ items: DeliverySummary[] }> };
  tunnel: TunnelStatus;
  /** the core's environment: describes authTokens exactly (else they are matched from the chain's values) */
  env?: NodeJS.ProcessEnv;
  /** opens enc: tokens when env is given (the store, as the config service's sealer) */
  opener?: SecretOpener | null;
  /** the config service's keyed fingerprinter, so authToken fingerprints match the secrets' */
  fingerprint: Fingerprinter;
  /** the core's clock (default Date.now) */
  clock?: { now(): number };
}

export function recentSummary(items: readonly DeliverySummary[]): ReadinessContext['recent'] {
  let verified = 0;
  let rejected = 0;
  const lastFailedCodes: string[] = [];
  for (const item of items) {
    if (item.verdict === 'verified') verified += 1;
    else rejected += 1;
    for (const check of item.checks) if (check.outcome === 'fail') lastFailedCodes.push(check.code);
  }
  return { verified, rejected, lastFailedCodes };
}

export async function buildReadiness(args: BuildReadinessArgs): Promise<ReadinessItem[]> {
  const config = args.config.current();
  const source = config.sources.find((s) => s.id === args.sourceId);
  if (!source) throw new HookscopeError('not_found', `No source with id "${args.sourceId}": check the id in Settings`);
  const view = args.config.view();
  const environments: Record<string, Environment> = {};
  for (const s of config.sources) environments[s.id] = s.environment;
  const resolvedTokens = args.config.chainSource(source.id)?.authTokens ?? [];
  const recent = (await args.store.list({ sourceId: source.id, limit: RECENT_DELIVERIES })).items;
  return readinessFor(source, {
    secrets: view.secrets[source.id] ?? [],
    authTokens: describeAuthTokens(source.authTokens ?? [], resolvedTokens, args.fingerprint, args.env, args.opener ?? null),
    tunnel: args.tunnel,
    recent: recentSummary(recent),
    allSecrets: view.secrets,
    environments,
    now: (args.clock ?? { now: () => Date.now() }).now(),
  });
}
