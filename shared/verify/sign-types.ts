/** Arguments and result of the signer (re-exported by signer.ts). */
import type { GenericScheme } from '../config';
import type { ProviderId } from '../providers';

export interface SignArgs {
  provider: ProviderId;
  /** only for generic-hmac */
  scheme?: GenericScheme;
  /** as configured (e.g. the whole whsec_… string) */
  secret: string;
  /** exact bytes that will be sent */
  body: Uint8Array;
  contentType: string;
  /** full URL the request goes to (Twilio signs it; JSON Twilio adds bodySHA256 to it; vonage-sms may carry params in the query) */
  url: string;
  /** default POST */
  method?: string;
  /** epoch ms for timestamps */
  now: number;
  /** message id where the scheme carries one (webhook-id, X-GitHub-Delivery, X-Shopify-Webhook-Id, JWT jti, I-Twilio-Idempotency-Token) */
  id?: string;
  /** event type for schemes that carry it in a header (X-GitHub-Event, X-Shopify-Topic); inferred from the body when absent */
  eventType?: string;
}

export interface SignedRequest {
  url: string;
  method: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

/**
 * A captured request to re-sign: same request, new proof. Everything that identifies the event, the account
 * or the hook is taken from here and kept; only what the scheme binds to time or secret is replaced.
 */
export interface ResignArgs {
  provider: ProviderId;
  /** only for generic-hmac */
  scheme?: GenericScheme;
  secret: string;
  /** captured headers in wire order (unredacted) */
  headers: ReadonlyArray<readonly [string, string]>;
  /** the bytes to send (captured or edited); payload timestamps are already refreshed by resignRequest */
  body: Uint8Array;
  /** full URL the request goes to, with the captured query where the scheme signs it */
  url: string;
  method: string;
  now: number;
  /** Standard Webhooks: sign under a new webhook-id instead of the captured one (the receiver would dedupe it) */
  newMessageId?: boolean;
}
