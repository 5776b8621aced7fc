/**
 * Secret references in the config: `env:NAME` (environment), `enc:…` (sealed by the app with the
 * data key), `fp:<fingerprint>` (the masked form the API hands out; it means "keep this secret"),
 * or a literal (allowed, flagged by the readiness checklist).
 *
 * Fingerprints come from an injected Fingerprinter: in the core, a keyed HMAC under a subkey of the
 * data key (createFingerprinter in store/key-ring), never a plain hash a reader could test guesses against.
 */
import type { SecretInfo } from '../../../shared/api';
import { formatPath, type HookscopeConfig, type SecretEntry } from '../../../shared/config';

export interface SecretOpener {
  openSecret(sealed: string): string;
}

export type SecretKind = SecretInfo['kind'];

export function secretKind(ref: string): SecretKind {
  if (ref.startsWith('env:')) return 'env';
  if (ref.startsWith('enc:')) return 'encrypted';
  return 'literal';
}

/**
 * A secret's public fingerprint: 8 lowercase hex chars, keyed (so it cannot be checked offline against
 * guesses), and stable for the same key (fp: refs map back to the configured secret across restarts).
 */
export type Fingerprinter = (value: string) => string;

export interface Resolution {
  value: string | null;
  problem: string | null;
}

export function resolveRef(ref: string, env: NodeJS.ProcessEnv, opener: SecretOpener | null): Resolution {
  const kind = secretKind(ref);
  if (kind === 'env') {
    const name = ref.slice(4);
    const value = env[name];
    if (value === undefined || value === '') {
      return { value: null, problem: `Environment variable ${name} is not set: export it before starting Hookscope, or paste the secret in Settings` };
    }
    return { value, problem: null };
  }
  if (kind === 'encrypted') {
    if (!opener) return { value: null, problem: 'Encrypted secret cannot be opened without the data key' };
    try {
      return { value: opener.openSecret(ref), problem: null };
    } catch {
      return { value: null, problem: 'Encrypted secret cannot be opened with this data key: enter it again in Settings' };
    }
  }
  return { value: ref, problem: null };
}

export function entryRef(entry: SecretEntry): string {
  return typeof entry === 'string' ? entry : entry.value;
}

/** every secret reference in the config with its key path (`sources[0].secrets[1].value`, `tunnel.authtoken`) */
export function secretRefs(cfg: HookscopeConfig): Array<{ path: string; ref: string }> {
  const out: Array<{ path: string; ref: string }> = [];
  cfg.sources.forEach((s, i) => {
    s.secrets.forEach((e, j) => out.push(typeof e === 'string' ? { path: formatPath(['sources', i, 'secrets', j]), ref: e } : { path: formatPath(['sources', i, 'secrets', j, 'value']), ref: e.value }));
    (s.authTokens ?? []).forEach((ref, j) => out.push({ path: formatPath(['sources', i, 'authTokens', j]), ref }));
  });
  if (cfg.tunnel.authtoken !== null) out.push({ path: 'tunnel.authtoken', ref: cfg.tunnel.authtoken });
  return out;
}

/** the config with every secret reference (sources' secrets and auth tokens, the tunnel authtoken) mapped */
export function mapSecretRefs(cfg: HookscopeConfig, map: (ref: string) => string): HookscopeConfig {
  return {
    ...cfg,
    sources: cfg.sources.map((s) => ({
      ...s,
      secrets: s.secrets.map((e): SecretEntry => (typeof e === 'string' ? map(e) : { ...e, value: map(e.value) })),
      ...(s.authTokens ? { authTokens: s.authTokens.map(map) } : {}),
    })),
    tunnel: { ...cfg.tunnel, authtoken: cfg.tunnel.authtoken === null ? null : map(cfg.tunnel.authtoken) },
  };
}

/** weak / fair / strong, after seed 001 (≥ 20 chars, mixed classes) and seed 002 (≥ 32 random chars). */
export function secretStrength(value: string): SecretInfo['strength'] {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
  const distinct = new Set(value).size;
  if (value.length >= 32 && classes >= 2 && distinct >= 12) return 'strong';
  if (value.length >= 20 && classes >= 2 && distinct >= 8) return 'fair';
  return 'weak';
}

export function describeSecret(
  entry: SecretEntry,
  env: NodeJS.ProcessEnv,
  opener: SecretOpener | null,
  fingerprint: Fingerprinter,
): SecretInfo & { value: string | null } {
  const ref = entryRef(entry);
  const kind = secretKind(ref);
  const { value, problem } = resolveRef(ref, env, opener);
  let issue = problem;
  if (value !== null && value !== value.trim()) {
    issue = 'The secret has leading or trailing whitespace (often a pasted newline): signatures will not match';
  }
  return {
    ref: kind === 'env' ? ref : `fp:${value === null ? fingerprint(ref) : fingerprint(value)}`,
    kind,
    label: typeof entry === 'string' ? null : (entry.label ?? null),
    retiresAt: typeof entry === 'string' ? null : (entry.retiresAt ?? null),
    fingerprint: value === null ? null : fingerprint(value),
    resolved: value !== null,
    strength: value === null ? null : secretStrength(value),
    problem: issue,
    value,
  };
}

/** SecretInfo without the resolved value: what may leave the process. */
export function publicSecretInfo(info: SecretInfo & { value: string | null }): SecretInfo {
  const { value: _value, ...rest } = info;
  return rest;
}
