/** Inputs of the readiness checklist: everything it needs, gathered by the caller, so it stays pure. */
import type { ReadinessItem, SecretInfo, TunnelStatus } from '../../../shared/api';
import type { SourceConfig } from '../../../shared/config';

export type Environment = SourceConfig['environment'];

export interface ReadinessContext {
  /** this source's secrets, in config order (ConfigValue.secrets[source.id]) */
  secrets: SecretInfo[];
  /** this source's authTokens described like secrets, in config order (describeSecret on each ref) */
  authTokens: SecretInfo[];
  tunnel: TunnelStatus;
  /**
   * the source's recent deliveries (e.g. its last 100): how many were verified and rejected, and the
   * codes of their failing checks (repeats allowed; the most frequent are reported)
   */
  recent: { verified: number; rejected: number; lastFailedCodes: string[] };
  /** every source's secrets keyed by source id (ConfigValue.secrets): for environment separation */
  allSecrets: Record<string, SecretInfo[]>;
  /** every source's environment keyed by source id */
  environments: Record<string, Environment>;
  /** epoch ms: rotation dates are judged against it */
  now: number;
}

export type ReadinessStatus = ReadinessItem['status'];

export function readinessItem(id: string, label: string, status: ReadinessStatus, detail: string): ReadinessItem {
  return { id, label, status, detail };
}

/** what the seeds require of production: fail there, warn elsewhere */
export function requiredInProduction(source: SourceConfig): ReadinessStatus {
  return source.environment === 'production' ? 'fail' : 'warn';
}

/** the worst of several statuses: fail > warn > pass */
export function worst(statuses: ReadinessStatus[]): ReadinessStatus {
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('warn')) return 'warn';
  return 'pass';
}

/** `secrets[1] "old" (env:OLD_SECRET)` — a secret named by position, label and ref; never its value */
export function nameSecret(info: SecretInfo, index: number, field = 'secrets'): string {
  return `${field}[${index}]${info.label ? ` "${info.label}"` : ''} (${info.ref})`;
}
