/**
 * Stripe: Stripe-Signature "t=<unix>,v1=<hex>[,v1=…]", HMAC-SHA256 over "<t>." + raw body, keyed with the whole
 * whsec_… string as UTF-8 (not base64-decoded). Any v1 may match (rotation sends one per active secret).
 */
import { utf8 } from '../support/bytes';
import { toHex } from '../support/encoding';
import { getScalar } from '../support/json-path';
import { parseUnixSeconds } from '../support/time';
import {
  MAX_SIGNATURE_LENGTH,
  baseRequest,
  resignedRequest,
  hmacParts,
  isHmacAlgorithm,
  jsonBody,
  looksEncoded,
  otherShaAlgorithms,
  sigMalformed,
  sigMissing,
  sigPresent,
  unixSeconds,
  utf8Key,
} from './common';
import type { CryptoPort } from '../ports';
import type { Preset, SignatureRead } from './types';

const HEADER = 'Stripe-Signature';

export const STRIPE_EVENT_TYPES = [
  'account.updated',
  'balance.available',
  'charge.captured',
  'charge.dispute.created',
  'charge.failed',
  'charge.refunded',
  'charge.succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.completed',
  'checkout.session.expired',
  'customer.created',
  'customer.deleted',
  'customer.updated',
  'customer.subscription.created',
  'customer.subscription.deleted',
  'customer.subscription.trial_will_end',
  'customer.subscription.updated',
  'invoice.created',
  'invoice.finalized',
  'invoice.paid',
  'invoice.payment_failed',
  'invoice.payment_succeeded',
  'invoice.upcoming',
  'payment_intent.canceled',
  'payment_intent.created',
  'payment_intent.payment_failed',
  'payment_intent.processing',
  'payment_intent.requires_action',
  'payment_intent.succeeded',
  'payment_method.attached',
  'payout.failed',
  'payout.paid',
  'price.created',
  'product.created',
  'product.updated',
  'refund.created',
  'setup_intent.succeeded',
] as const;

function readStripeHeader(values: string[]): SignatureRead {
  if (values.length === 0) return sigMissing(HEADER);
  if (values.length > 1) return sigMalformed(HEADER, `the ${HEADER} header was sent ${values.length} times; send it once`);
  const value = values[0];
  if (value.length > MAX_SIGNATURE_LENGTH) return sigMalformed(HEADER, `the ${HEADER} header is ${value.length} characters long`);
  let t: string | null = null;
  const v1: string[] = [];
  for (const item of value.split(',')) {
    const eq = item.indexOf('=');
    if (eq < 0) continue;
    const key = item.slice(0, eq).trim();
    const val = item.slice(eq + 1).trim();
    if (key === 't' && t === null) t = val;
    else if (key === 'v1') v1.push(val);
  }
  if (t === null && v1.length === 0) return sigMalformed(HEADER, `the ${HEADER} header has neither t= nor v1=: expected t=<unix seconds>,v1=<hex>`);
  if (t === null) return sigMalformed(HEADER, `the ${HEADER} header has no t= timestamp, and the signature covers it`, v1);
  if (v1.length === 0) return sigMalformed(HEADER, `the ${HEADER} header has no v1= signature (only v1 is verified)`, [], { t });
  if (!v1.some((s) => looksEncoded(s, 'hex'))) return sigMalformed(HEADER, 'no v1= value is hexadecimal', v1, { t });
  return sigPresent(HEADER, v1, { t });
}

function stripeSignature(crypto: CryptoPort, secret: string, body: Uint8Array, now: number): string {
  const t = String(unixSeconds(now));
  return `t=${t},v1=${toHex(hmacParts(crypto, 'sha256', utf8(secret), [`${t}.`, body]))}`;
}

export const stripe: Preset = {
  id: 'stripe',
  label: 'Stripe',
  signatureHeader: () => HEADER,
  hasTimestamp: () => true,
  eventTypes: STRIPE_EVENT_TYPES,
  bodyFormat: () => 'json',
  readSignature: (ctx) => readStripeHeader(ctx.headerAll(HEADER)),
  algorithms: () => ['sha256'],
  otherAlgorithms: () => otherShaAlgorithms('sha256'),
  keyFromSecret: utf8Key,
  compute(ctx, sig, input) {
    const t = sig.fields.t;
    if (t === undefined || !isHmacAlgorithm(input.algorithm)) return null;
    return hmacParts(ctx.crypto, input.algorithm, input.key, [`${t}.`, input.body]);
  },
  format: (_ctx, mac) => toHex(mac),
  readTimestamp(_ctx, sig) {
    if (sig.status === 'missing') {
      return { kind: 'unavailable', code: 'depends_on_signature', reason: `the timestamp is the t= part of the ${HEADER} header, which is missing` };
    }
    const raw = sig.fields.t;
    if (raw === undefined) return { kind: 'missing', where: `${HEADER} t=` };
    const time = parseUnixSeconds(raw);
    return time.ok ? { kind: 'present', where: `${HEADER} t=`, raw, time } : { kind: 'unparseable', where: `${HEADER} t=`, raw };
  },
  eventType: (ctx) => getScalar(jsonBody(ctx), 'type'),
  idempotencyKey(ctx) {
    const id = getScalar(jsonBody(ctx), 'id');
    return id === null ? null : { key: id, source: 'body id' };
  },
  sign(args, crypto) {
    return baseRequest(args, [
      [HEADER, stripeSignature(crypto, args.secret, args.body, args.now)],
      ['User-Agent', 'Stripe/1.0 (+https://stripe.com/docs/webhooks)'],
      ['Accept', '*/*; q=0.5, application/xml'],
      ['Cache-Control', 'no-cache'],
    ]);
  },
  resign: (args, crypto) => resignedRequest(args, [[HEADER, stripeSignature(crypto, args.secret, args.body, args.now)]]),
};
