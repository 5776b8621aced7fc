/**
 * Re-sign = same request, new proof (docs/architecture.md). A replay keeps every captured header and
 * payload field that identifies the event, the account or the hook; only what the scheme binds to time or
 * secret is replaced: signature(s), timestamp(s) in headers or payload, JWT iat/exp/nbf/jti, and body-hash
 * claims that follow from an edited body. Test events use signer.ts, which invents identity instead.
 */
import type { CryptoPort } from './ports';
import { getPreset } from './presets/index';
import type { ResignArgs, SignedRequest } from './sign-types';
import { checkSigningInputs, refreshPayloadTimestamp } from './signer';
import { headerValue } from './support/headers';

export type { ResignArgs } from './sign-types';

export function resignRequest(args: ResignArgs, crypto: CryptoPort): SignedRequest {
  checkSigningInputs(args);
  const contentType = headerValue(args.headers, 'content-type') ?? '';
  const body = refreshPayloadTimestamp(args.provider, args.body, contentType, args.now, args.scheme);
  return getPreset(args.provider).resign({ ...args, body }, crypto);
}
