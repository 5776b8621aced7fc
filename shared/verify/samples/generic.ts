/** Standard Webhooks and generic-hmac events: {type, timestamp, data} JSON, shaped by the generic scheme's paths. */
import type { GenericScheme } from '../../config';
import { utf8 } from '../support/bytes';
import { isObject } from '../support/json-path';
import { type Sample, type SampleOptions, JSON_TYPE, iso, secs } from './types';

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  const last = segments.pop() ?? path;
  let current = obj;
  for (const s of segments) {
    const next = current[s];
    if (!isObject(next)) current[s] = {};
    current = current[s] as Record<string, unknown>;
  }
  current[last] = value;
}

export function standardWebhooksSample(opts: SampleOptions): Sample {
  const eventType = opts.eventType ?? 'user.created';
  const body = {
    type: eventType,
    timestamp: iso(opts.now),
    data: { id: `user_${opts.randomId()}`, email: 'jane.doe@example.com', name: 'Jane Doe', phone_number: '+14155550187', plan: 'pro' },
  };
  return { body: utf8(JSON.stringify(body)), contentType: JSON_TYPE, eventType };
}

export function genericSample(opts: SampleOptions): Sample {
  const eventType = opts.eventType ?? 'order.created';
  const scheme: GenericScheme | undefined = opts.scheme;
  const id = `evt_${opts.randomId()}`;
  const body: Record<string, unknown> = {
    id,
    type: eventType,
    created_at: iso(opts.now),
    data: { order_id: 'ord_6735', amount: 4999, currency: 'USD', customer: { name: 'Jane Doe', email: 'jane.doe@example.com', phone: '+14155550187' } },
  };
  if (scheme?.eventType) setPath(body, scheme.eventType.path, eventType);
  if (scheme?.timestamp?.from === 'payload') setPath(body, scheme.timestamp.path, secs(opts.now));
  if (scheme?.idempotency?.from === 'payload') setPath(body, scheme.idempotency.path, id);
  return { body: utf8(JSON.stringify(body)), contentType: JSON_TYPE, eventType };
}
