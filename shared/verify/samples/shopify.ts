/** Shopify orders/create (and products/customers) payloads, compact JSON. */
import { utf8 } from '../support/bytes';
import { type Sample, type SampleOptions, JSON_TYPE, iso } from './types';

const CUSTOMER = {
  id: 7054936817734,
  email: 'jane.doe@example.com',
  first_name: 'Jane',
  last_name: 'Doe',
  phone: '+14155550187',
  state: 'enabled',
  verified_email: true,
};

const ADDRESS = {
  first_name: 'Jane',
  last_name: 'Doe',
  address1: '1 Market St',
  city: 'San Francisco',
  province: 'California',
  country: 'United States',
  zip: '94105',
  phone: '+14155550187',
  country_code: 'US',
  province_code: 'CA',
};

function numericId(randomId: () => string): number {
  const digits = randomId().replace(/\D/g, '').padEnd(6, '7').slice(0, 6);
  return Number(`5${digits}12345`);
}

export function shopifySample(opts: SampleOptions): Sample {
  const eventType = opts.eventType ?? 'orders/create';
  const id = numericId(opts.randomId);
  let body: Record<string, unknown>;
  if (eventType.startsWith('products/')) {
    body = {
      id,
      title: 'Organic Cotton T-Shirt',
      body_html: '<p>Soft, breathable, fair-trade cotton.</p>',
      vendor: 'Hookscope Apparel',
      product_type: 'Shirts',
      created_at: iso(opts.now),
      handle: 'organic-cotton-t-shirt',
      status: 'active',
      variants: [{ id: id + 1, title: 'M / Navy', price: '24.00', sku: 'TEE-M-NAVY', inventory_quantity: 42 }],
      admin_graphql_api_id: `gid://shopify/Product/${id}`,
    };
  } else if (eventType.startsWith('customers/')) {
    body = { ...CUSTOMER, id, created_at: iso(opts.now), addresses: [ADDRESS], admin_graphql_api_id: `gid://shopify/Customer/${id}` };
  } else {
    body = {
      id,
      admin_graphql_api_id: `gid://shopify/Order/${id}`,
      email: CUSTOMER.email,
      phone: CUSTOMER.phone,
      created_at: iso(opts.now),
      currency: 'USD',
      financial_status: eventType === 'orders/paid' ? 'paid' : 'pending',
      fulfillment_status: null,
      name: '#1042',
      order_number: 1042,
      subtotal_price: '48.00',
      total_tax: '4.08',
      total_price: '52.08',
      line_items: [{ id: id + 7, title: 'Organic Cotton T-Shirt', variant_title: 'M / Navy', quantity: 2, price: '24.00', sku: 'TEE-M-NAVY' }],
      customer: CUSTOMER,
      billing_address: ADDRESS,
      shipping_address: ADDRESS,
      test: true,
    };
  }
  return { body: utf8(JSON.stringify(body)), contentType: JSON_TYPE, eventType };
}
