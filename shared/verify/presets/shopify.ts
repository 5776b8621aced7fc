/** Shopify: X-Shopify-Hmac-Sha256 = base64 HMAC-SHA256(client secret, raw body); no timestamp; X-Shopify-Webhook-Id. */
import { utf8 } from '../support/bytes';
import { toBase64 } from '../support/encoding';
import { isObject } from '../support/json-path';
import type { RequestContext } from '../request-context';
import {
  baseRequest,
  eventTypeToSign,
  hmacParts,
  isHmacAlgorithm,
  otherShaAlgorithms,
  readHeaderSignature,
  resignedRequest,
  utf8Key,
  uuid,
} from './common';
import { hasHeader } from '../support/set-headers';
import type { Preset } from './types';

const HEADER = 'X-Shopify-Hmac-Sha256';
/** "events" webhooks use the unprefixed names */
const EVENTS_HEADER = 'shopify-hmac-sha256';

export const SHOPIFY_EVENT_TYPES = [
  'app/uninstalled',
  'carts/create',
  'carts/update',
  'checkouts/create',
  'checkouts/update',
  'collections/create',
  'customers/create',
  'customers/data_request',
  'customers/delete',
  'customers/redact',
  'customers/update',
  'draft_orders/create',
  'fulfillments/create',
  'fulfillments/update',
  'inventory_levels/update',
  'orders/cancelled',
  'orders/create',
  'orders/delete',
  'orders/edited',
  'orders/fulfilled',
  'orders/paid',
  'orders/partially_fulfilled',
  'orders/updated',
  'products/create',
  'products/delete',
  'products/update',
  'refunds/create',
  'shop/redact',
  'shop/update',
] as const;

function header(ctx: RequestContext, classic: string, events: string): string | null {
  return ctx.header(classic) ?? ctx.header(events);
}

export function inferShopifyTopic(body: unknown): string {
  if (!isObject(body)) return 'orders/create';
  if ('order_number' in body) return 'orders/create';
  if ('variants' in body && 'title' in body) return 'products/create';
  if ('first_name' in body && 'email' in body) return 'customers/create';
  return 'orders/create';
}

export const shopify: Preset = {
  id: 'shopify',
  label: 'Shopify',
  signatureHeader: () => HEADER,
  hasTimestamp: () => false,
  eventTypes: SHOPIFY_EVENT_TYPES,
  bodyFormat: () => 'json',
  readSignature: (ctx) =>
    ctx.header(HEADER) === null && ctx.header(EVENTS_HEADER) !== null
      ? readHeaderSignature(ctx, EVENTS_HEADER, 'base64')
      : readHeaderSignature(ctx, HEADER, 'base64'),
  algorithms: () => ['sha256'],
  otherAlgorithms: () => otherShaAlgorithms('sha256'),
  keyFromSecret: utf8Key,
  compute: (ctx, _sig, input) =>
    isHmacAlgorithm(input.algorithm) ? hmacParts(ctx.crypto, input.algorithm, input.key, [input.body]) : null,
  format: (_ctx, mac) => toBase64(mac),
  readTimestamp: () => ({ kind: 'unavailable', code: 'no_timestamp_in_scheme', reason: 'Shopify signs no timestamp' }),
  eventType: (ctx) => header(ctx, 'X-Shopify-Topic', 'shopify-topic'),
  idempotencyKey(ctx) {
    const id = header(ctx, 'X-Shopify-Webhook-Id', 'shopify-webhook-id');
    return id ? { key: id, source: 'X-Shopify-Webhook-Id header' } : null;
  },
  sign(args, crypto) {
    const mac = hmacParts(crypto, 'sha256', utf8(args.secret), [args.body]);
    const topic = eventTypeToSign(args, inferShopifyTopic, 'orders/create');
    return baseRequest(args, [
      ['User-Agent', 'Shopify-Captain-Hook'],
      ['X-Shopify-Topic', topic],
      [HEADER, toBase64(mac)],
      ['X-Shopify-Shop-Domain', 'hookscope-dev.myshopify.com'],
      ['X-Shopify-API-Version', '2025-07'],
      ['X-Shopify-Webhook-Id', args.id ?? uuid(crypto)],
      ['X-Shopify-Triggered-At', new Date(args.now).toISOString()],
      ['X-Shopify-Event-Id', uuid(crypto)],
    ]);
  },
  resign(args, crypto) {
    const mac = hmacParts(crypto, 'sha256', utf8(args.secret), [args.body]);
    // an "events" webhook carries the unprefixed name: sign under the name the capture used
    const name = !hasHeader(args.headers, HEADER) && hasHeader(args.headers, EVENTS_HEADER) ? EVENTS_HEADER : HEADER;
    return resignedRequest(args, [[name, toBase64(mac)]]);
  },
};
