/**
 * SecretInfo for a source's authTokens, which the config service does not describe. Exact with the
 * environment (describeSecret on each ref); without it, from the chain's resolved values, matched to
 * the refs in order (literals are their own value; resolved values go to the earliest env:/enc: refs).
 * Fingerprints come from the given (keyed) fingerprinter, the config service's own.
 */
import type { SecretInfo } from '../../../shared/api';
import { describeSecret, publicSecretInfo, secretKind, secretStrength, type Fingerprinter, type SecretOpener } from '../config/secret-ref';


export function describeAuthTokens(
  refs: readonly string[],
  resolved: readonly string[],
  fingerprint: Fingerprinter,
  env?: NodeJS.ProcessEnv,
  opener: SecretOpener | null = null,
): SecretInfo[] {
  if (env) return refs.map((ref) => publicSecretInfo(describeSecret(ref, env, opener, fingerprint)));
  let next = 0;
  return refs.map((ref, i) => {
    const kind = secretKind(ref);
    let value: string | null = null;
    if (kind === 'literal') {
      value = ref;
      if (resolved[next] === ref) next += 1;
    } else {
      const literalsAfter = refs.slice(i + 1).filter((r) => secretKind(r) === 'literal').length;
      if (resolved.length - next > literalsAfter) {
        value = resolved[next];
        next += 1;
      }
    }
    const problem = value !== null
      ? (value !== value.trim() ? 'The token has leading or trailing whitespace (often a pasted newline): requests will not match' : null)
      : kind === 'env'
        ? `Environment variable ${ref.slice(4)} is not set: export it before starting Hookscope`
        : 'The encrypted token cannot be opened with this data key: enter it again in Settings';
    return {
      ref: kind === 'env' ? ref : `fp:${fingerprint(value ?? ref)}`,
      kind,
      label: null,
      retiresAt: null,
      fingerprint: value === null ? null : fingerprint(value),
      resolved: value !== null,
      strength: value === null ? null : secretStrength(value),
      problem,
    };
  });
}
