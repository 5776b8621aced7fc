/**
 * Signs a test event the way the provider does, inventing the identity the scheme carries (event type,
 * delivery/hook ids, account). Replays never come here: resigner.ts keeps the captured identity, and the two
 * share the presets' crypto only. Header- and parameter-borne timestamps come from `now`; where the scheme
 * keeps its timestamp in the JSON payload, call refreshPayloadTimestamp first, then sign the bytes it returns.
 */
import type { GenericScheme } from '../config';
import type { ProviderId } from '../providers';
import { HookscopeError } from '../result';
import type { CryptoPort } from './ports';
import { getPreset } from './presets/index';
import type { SignArgs, SignedRequest } from './sign-types';

export type { SignArgs, SignedRequest } from './sign-types';

/** misuse of either signer (an empty secret, no clock, generic-hmac without its scheme) throws */
export function checkSigningInputs(args: Pick<SignArgs, 'provider' | 'secret' | 'now' | 'scheme'>): void {
  if (typeof args.secret !== 'string' || args.secret.length === 0) {
    throw new HookscopeError('invalid_secret', 'secret: must not be empty; add the source\'s signing secret in Settings');
  }
  if (!Number.isFinite(args.now)) throw new HookscopeError('invalid_argument', 'now: must be epoch milliseconds');
  if (args.provider === 'generic-hmac' && !args.scheme) {
    throw new HookscopeError('invalid_argument', 'scheme: is required to sign for provider "generic-hmac"');
  }
}

export function signRequest(args: SignArgs, crypto: CryptoPort): SignedRequest {
  checkSigningInputs(args);
  return getPreset(args.provider).sign(args, crypto);
}

/**
 * Where the scheme keeps its timestamp in the payload (blackbox ISO `timestamp`, dialnexa `timestamp`,
 * vonage-sms `timestamp` param, generic-hmac payload path), a body with it set to `now`; otherwise the body unchanged.
 */
export function refreshPayloadTimestamp(
  provider: ProviderId,
  body: Uint8Array,
  contentType: string,
  now: number,
  scheme?: GenericScheme,
): Uint8Array {
  const preset = getPreset(provider);
  return preset.refreshTimestamp ? preset.refreshTimestamp(body, contentType, now, scheme ?? null) : body;
}
