/** What a provider preset knows: where its signature and timestamp live, how to compute and how to sign. */
import type { GenericScheme } from '../../config';
import type { ProviderId } from '../../providers';
import type { CryptoPort } from '../ports';
import type { RequestContext } from '../request-context';
import type { ResignArgs, SignArgs, SignedRequest } from '../sign-types';
import type { ParsedTime } from '../support/time';

export interface SignatureRead {
  status: 'missing' | 'malformed' | 'present';
  /** header or parameter the signature is read from */
  where: string;
  /** received signature strings, in the form format() produces */
  candidates: string[];
  /** why the value is malformed (no secrets, no expected values) */
  problem: string | null;
  /** scheme values the computation needs (timestamp as signed, message id, JWT signing input, …) */
  fields: Record<string, string>;
  /** decoded JWT claims (not yet verified) */
  claims: Record<string, unknown> | null;
}

export interface ComputeInput {
  body: Uint8Array;
  key: Uint8Array;
  /** preset-specific algorithm name (sha256, md5hash, …) */
  algorithm: string;
  url: string;
}

export type TimestampRead =
  | { kind: 'unavailable'; code: string; reason: string }
  | { kind: 'missing'; where: string }
  | { kind: 'unparseable'; where: string; raw: string }
  | { kind: 'present'; where: string; raw: string; time: Extract<ParsedTime, { ok: true }> };

/** A hash of the body carried inside the signed material (Vonage payload_hash, Twilio bodySHA256). */
export interface BodyBinding {
  /** failure code when the hash does not match the body */
  code: string;
  /** e.g. "JWT claim payload_hash" */
  label: string;
  /** the hex sha256 the sender claims; null when the signed material carries none */
  claimed: string | null;
  /** other byte strings whose sha256 is accepted (Vonage GET: the query as compact JSON) */
  alsoAccept: Uint8Array[];
}

export type BodyFormat = 'json' | 'form' | 'none' | 'raw';

export interface IdempotencyKey {
  key: string;
  /** where it came from, for evidence */
  source: string;
}

export interface Preset {
  id: ProviderId;
  label: string;
  signatureHeader(scheme: GenericScheme | null): string;
  hasTimestamp(scheme: GenericScheme | null): boolean;
  /** known event types; empty when the types are application-defined (not checked) */
  eventTypes: readonly string[];
  bodyFormat(ctx: RequestContext): BodyFormat;
  readSignature(ctx: RequestContext): SignatureRead;
  /** algorithms to verify with (usually one) */
  algorithms(ctx: RequestContext, sig: SignatureRead): string[];
  /** algorithms for the wrong_algorithm hypothesis */
  otherAlgorithms(ctx: RequestContext, sig: SignatureRead): string[];
  /** how a configured secret becomes key bytes; null when the secret cannot be a key for this scheme */
  keyFromSecret(secret: string): Uint8Array | null;
  /** the MAC the sender should have produced for these inputs; null when the request lacks what is needed */
  compute(ctx: RequestContext, sig: SignatureRead, input: ComputeInput): Uint8Array | null;
  /** the MAC as it appears in a candidate */
  format(ctx: RequestContext, mac: Uint8Array, algorithm: string): string;
  /** compare candidates case-insensitively (Vonage SMS) */
  caseInsensitive?: boolean;
  /** URLs a signature may cover: accepted ones and ones tried only for the wrong_url diagnosis */
  urlVariants?(ctx: RequestContext): { accepted: string[]; diagnostic: string[] };
  bodyBinding?(ctx: RequestContext, sig: SignatureRead): BodyBinding | null;
  readTimestamp(ctx: RequestContext, sig: SignatureRead): TimestampRead;
  eventType(ctx: RequestContext): string | null;
  idempotencyKey(ctx: RequestContext, sig: SignatureRead): IdempotencyKey | null;
  /** a test event: invents the identity (event type, ids, account) the scheme carries, then signs */
  sign(args: SignArgs, crypto: CryptoPort): SignedRequest;
  /** a replay: the captured request with a new proof (signature, timestamp, body-hash claims); identity kept */
  resign(args: ResignArgs, crypto: CryptoPort): SignedRequest;
  /** a body with the payload's timestamp set to now (only presets that keep it in the payload) */
  refreshTimestamp?(body: Uint8Array, contentType: string, now: number, scheme: GenericScheme | null): Uint8Array;
}
