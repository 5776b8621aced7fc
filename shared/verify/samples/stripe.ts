/** Stripe event objects (Stripe sends them pretty-printed, two spaces). */
import { utf8 } from '../support/bytes';
import { type Sample, type SampleOptions, JSON_TYPE, secs } from './types';

function dataObject(type: string, id: () => string, created: number): Record<string, unknown> {
  const customer = `cus_${id().slice(0, 14)}`;
  if (type.startsWith('payment_intent.')) {
    const failed = type === 'payment_intent.payment_failed';
    return {
      id: `pi_${id().slice(0, 24)}`,
      object: 'payment_intent',
      amount: 4999,
      amount_received: failed ? 0 : 4999,
      currency: 'usd',
      customer,
      description: 'Pro plan (monthly)',
      receipt_email: 'jane.doe@example.com',
      status: failed ? 'requires_payment_method' : type === 'payment_intent.canceled' ? 'canceled' : 'succeeded',
      last_payment_error: failed ? { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' } : null,
      created,
      livemode: false,
      metadata: { order_id: '6735' },
    };
  }
  if (type.startsWith('charge.')) {
    return {
      id: `ch_${id().slice(0, 24)}`,
      object: 'charge',
      amount: 4999,
      currency: 'usd',
      customer,
      billing_details: { email: 'jane.doe@example.com', name: 'Jane Doe', phone: '+14155550187' },
      payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030 } },
      paid: type !== 'charge.failed',
      refunded: type === 'charge.refunded',
      status: type === 'charge.failed' ? 'failed' : 'succeeded',
      created,
      livemode: false,
    };
  }
  if (type.startsWith('invoice.')) {
    return {
      id: `in_${id().slice(0, 24)}`,
      object: 'invoice',
      customer,
      customer_email: 'jane.doe@example.com',
      amount_due: 4999,
      amount_paid: type === 'invoice.paid' || type === 'invoice.payment_succeeded' ? 4999 : 0,
      currency: 'usd',
      status: type === 'invoice.payment_failed' ? 'open' : 'paid',
      subscription: `sub_${id().slice(0, 24)}`,
      created,
      livemode: false,
    };
  }
  if (type.startsWith('checkout.session.')) {
    return {
      id: `cs_test_${id()}`,
      object: 'checkout.session',
      amount_total: 4999,
      currency: 'usd',
      customer,
      customer_details: { email: 'jane.doe@example.com', name: 'Jane Doe', phone: null },
      mode: 'subscription',
      payment_status: type === 'checkout.session.expired' ? 'unpaid' : 'paid',
      status: type === 'checkout.session.expired' ? 'expired' : 'complete',
      created,
      livemode: false,
    };
  }
  if (type.startsWith('customer.subscription.')) {
    return {
      id: `sub_${id().slice(0, 24)}`,
      object: 'subscription',
      customer,
      status: type === 'customer.subscription.deleted' ? 'canceled' : 'active',
      items: { object: 'list', data: [{ id: `si_${id().slice(0, 14)}`, price: { id: 'price_1PpRo', unit_amount: 4999, currency: 'usd', recurring: { interval: 'month' } } }] },
      current_period_start: created,
      current_period_end: created + 30 * 86400,
      created,
      livemode: false,
    };
  }
  if (type.startsWith('customer.')) {
    return { id: customer, object: 'customer', email: 'jane.doe@example.com', name: 'Jane Doe', phone: '+14155550187', created, livemode: false, metadata: {} };
  }
  return { id: `obj_${id().slice(0, 24)}`, object: type.split('.')[0], created, livemode: false };
}

export function stripeSample(opts: SampleOptions): Sample {
  const eventType = opts.eventType ?? 'payment_intent.succeeded';
  const created = secs(opts.now);
  const event = {
    id: `evt_${opts.randomId()}`,
    object: 'event',
    api_version: '2024-06-20',
    created,
    data: { object: dataObject(eventType, opts.randomId, created) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: `req_${opts.randomId().slice(0, 14)}`, idempotency_key: opts.randomId() },
    type: eventType,
  };
  return { body: utf8(JSON.stringify(event, null, 2)), contentType: JSON_TYPE, eventType };
}
