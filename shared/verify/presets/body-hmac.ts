/** The "hex HMAC-SHA256 of the raw body in one header" family (DialNexa, Dasha BlackBox). */
import type { CryptoPort } from '../ports';
import type { ResignArgs, SignArgs, SignedRequest } from '../sign-types';
import { headerValue } from '../support/headers';
import { utf8 } from '../support/bytes';
import { toHex } from '../support/encoding';
import { baseRequest, hmacParts, isHmacAlgorithm, otherShaAlgorithms, readHeaderSignature, resignedRequest, utf8Key } from './common';
import type { Preset } from './types';

type BodyHmacParts = Pick<
  Preset,
  'signatureHeader' | 'readSignature' | 'algorithms' | 'otherAlgorithms' | 'keyFromSecret' | 'compute' | 'format'
>;

export function bodyHmacHex(header: string): BodyHmacParts {
  return {
    signatureHeader: () => header,
    readSignature(ctx) {
      const sig = readHeaderSignature(ctx, header, 'hex');
      // "sha256=<hex>" and bare hex are both accepted: compare the hex part
      return { ...sig, candidates: sig.candidates.map((c) => (/^sha256=/i.test(c) ? c.slice(7) : c)) };
    },
    algorithms: () => ['sha256'],
    otherAlgorithms: () => otherShaAlgorithms('sha256'),
    keyFromSecret: utf8Key,
    compute: (ctx, _sig, input) =>
      isHmacAlgorithm(input.algorithm) ? hmacParts(ctx.crypto, input.algorithm, input.key, [input.body]) : null,
    format: (_ctx, mac) => toHex(mac),
  };
}

export function signBodyHex(args: SignArgs, crypto: CryptoPort, header: string, extra: Array<[string, string]>): SignedRequest {
  const mac = hmacParts(crypto, 'sha256', utf8(args.secret), [args.body]);
  return baseRequest(args, [[header, toHex(mac)], ...extra]);
}

/** the captured request with the header re-computed; a captured "sha256=" prefix is kept (both forms are in use) */
export function resignBodyHex(args: ResignArgs, crypto: CryptoPort, header: string): SignedRequest {
  const mac = toHex(hmacParts(crypto, 'sha256', utf8(args.secret), [args.body]));
  const prefixed = /^sha256=/i.test(headerValue(args.headers, header) ?? '');
  return resignedRequest(args, [[header, prefixed ? `sha256=${mac}` : mac]]);
}
