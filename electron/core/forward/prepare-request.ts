/**
 * Builds the request that goes to the dev server from a captured one: either the exact bytes
 * ("original") or re-signed with the source's current secret and a fresh timestamp ("resign"). Re-signing
 * keeps the captured identity (event type, ids, account): see shared/verify/resigner.ts.
 */
import { HookscopeError } from '../../../shared/result';
import type { CryptoPort } from '../../../shared/verify/ports';
import { resignRequest } from '../../../shared/verify/resigner';
import type { ChainSource, ResolvedSecret } from '../../../shared/verify/types';
import { forwardHeaders } from './header-policy';
import type { SentRequestRaw } from '../store/types';
import type { ResolvedTarget } from './target-policy';

export interface CapturedRequest {
  method: string;
  /** the query string the provider sent ('' or '?a=1…'): GET webhooks (Vonage SMS) carry their data there */
  query: string;
  /** unredacted, wire order */
  headers: Array<[string, string]>;
  body: Uint8Array;
}

export interface PreparedRequest {
  method: string;
  /** path and query on the target */
  path: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
  mode: 'original' | 'resign';
  /** which secret signed it (label, never the value); null for original */
  secretLabel: string | null;
}

/** The query part of a request target as received ('' when none). */
export function queryOf(target: string): string {
  const i = target.indexOf('?');
  return i === -1 ? '' : target.slice(i);
}

/** The first secret that is not past its retiresAt. */
export function currentSecret(source: ChainSource, now: number): ResolvedSecret | null {
  return source.secrets.find((s) => s.retiresAt === null || s.retiresAt > now) ?? null;
}

export function prepareOriginal(captured: CapturedRequest, target: ResolvedTarget, deliveryId: string): PreparedRequest {
  return {
    method: captured.method,
    path: `${target.url.pathname}${target.url.search || captured.query}`,
    headers: forwardHeaders(captured.headers, { host: target.url.host, deliveryId, mode: 'original' }),
    body: captured.body,
    mode: 'original',
    secretLabel: null,
  };
}

export function prepareResigned(
  captured: CapturedRequest,
  args: {
    target: ResolvedTarget;
    deliveryId: string;
    source: ChainSource;
    now: number;
    crypto: CryptoPort;
    /** Standard Webhooks: a new webhook-id instead of the captured one */
    newMessageId?: boolean;
  },
): PreparedRequest {
  const { target, source, now } = args;
  const provider = source.config.provider;
  if (!provider) {
    throw new HookscopeError('no_provider', `Source "${source.config.id}" has no provider configured, so there is no scheme to re-sign with: replay in mode "original", or pick a provider in Settings`);
  }
  const secret = currentSecret(source, now);
  if (!secret) {
    throw new HookscopeError(
      'no_secret',
      `Source "${source.config.id}" has no current secret to re-sign with: add one in Settings, or replay in mode "original"`,
    );
  }
  const signed = resignRequest(
    {
      provider,
      scheme: source.config.scheme,
      secret: secret.value,
      headers: captured.headers,
      body: captured.body,
      // a GET carries its signed parameters in the query: keep them for the signer to re-sign
      url: !target.url.search && captured.method.toUpperCase() === 'GET' ? `${target.url.href}${captured.query}` : target.url.href,
      method: captured.method,
      now,
      newMessageId: args.newMessageId,
    },
    args.crypto,
  );
  const signedUrl = new URL(signed.url);
  if (signedUrl.origin !== target.url.origin) {
    // the signer only ever adds query parameters; anything else would bypass the target policy
    throw new HookscopeError('internal', `Re-signing changed the target origin to ${signedUrl.origin}; nothing was sent`);
  }
  return {
    method: signed.method,
    path: `${signedUrl.pathname}${signedUrl.search}`,
    headers: forwardHeaders(signed.headers, {
      host: target.url.host,
      deliveryId: args.deliveryId,
      mode: 'resign',
    }),
    body: signed.body,
    mode: 'resign',
    secretLabel: secret.label,
  };
}

/** what went on the wire, for the attempt's record */
export function sentRequest(target: ResolvedTarget, prepared: PreparedRequest): SentRequestRaw {
  return { method: prepared.method, url: `${target.url.origin}${prepared.path}`, headers: prepared.headers, body: prepared.body };
}
