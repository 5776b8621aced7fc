/**
 * The readiness checklist for one source (docs/architecture.md "Readiness and security monitor"): the go-live checklists of seeds 000
 * (DialNexa), 001 (Vonage) and 002 (Dasha BlackBox) as checks. A pure function of the source and a
 * context the caller gathers (see ReadinessContext). Each item's detail says what to do next.
 *
 * Items, in this order (ids are stable): https, signature, secret-storage, secret-strength,
 * secret-rotation, environment-separation, timestamp-tolerance, replay-protection, ip-allowlist,
 * auth-token, rate-limit, mode, forward-timeout, recent-deliveries.
 *
 * Where the seeds say "must" (HTTPS, secrets out of files, rate limiting, refusing failures, a 5 s
 * answer) a gap is `fail` for a production source and `warn` otherwise.
 */
import type { ReadinessItem } from '../../../shared/api';
import type { SourceConfig } from '../../../shared/config';
import { authTokenItem, ipAllowlistItem, rateLimitItem } from './access-items';
import type { ReadinessContext } from './context';
import { enforceModeItem, forwardTimeoutItem, httpsItem, recentDeliveriesItem } from './operation-items';
import { replayProtectionItem, timestampToleranceItem } from './replay-items';
import {
  environmentSeparationItem,
  secretRotationItem,
  secretStorageItem,
  secretStrengthItem,
  signatureItem,
} from './secret-items';

export type { Environment, ReadinessContext } from './context';

export const READINESS_ITEM_IDS = [
  'https',
  'signature',
  'secret-storage',
  'secret-strength',
  'secret-rotation',
  'environment-separation',
  'timestamp-tolerance',
  'replay-protection',
  'ip-allowlist',
  'auth-token',
  'rate-limit',
  'mode',
  'forward-timeout',
  'recent-deliveries',
] as const;
export type ReadinessItemId = (typeof READINESS_ITEM_IDS)[number];

export function readinessFor(source: SourceConfig, ctx: ReadinessContext): ReadinessItem[] {
  return [
    httpsItem(source, ctx),
    signatureItem(ctx),
    secretStorageItem(source, ctx),
    secretStrengthItem(source, ctx),
    secretRotationItem(ctx),
    environmentSeparationItem(source, ctx),
    timestampToleranceItem(source),
    replayProtectionItem(source),
    ipAllowlistItem(source),
    authTokenItem(source, ctx),
    rateLimitItem(source, ctx),
    enforceModeItem(source),
    forwardTimeoutItem(source),
    recentDeliveriesItem(ctx),
  ];
}
