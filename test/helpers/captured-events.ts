/**
 * One captured delivery per preset as a real provider sends it, for a "peer" account whose identity
 * (event type, delivery/hook ids, shop, API version, JWT claims) differs from everything the test-event
 * signer would invent. Replay tests assert that this identity survives a re-sign.
 */
import type { GenericScheme } from '../../shared/config';
import { schemeSchema } from '../../shared/config';
import type { ProviderId } from '../../shared/providers';
import { signJwt } from '../../shared/verify/presets/jwt';
import { signRequest } from '../../shared/verify/signer';
import { setHeaders } from '../../shared/verify/support/set-headers';
import { nodeCryptoPort } from './node-crypto-port';

export interface CapturedCase {
  /** test name (a preset can appear twice, e.g. Standard Webhooks under webhook-* and svix-* names) */
  name: string;
  provider: ProviderId;
  secret: string;
  scheme?: GenericScheme;
  method: string;
  /** the URL the provider called (path and query included) */
  url: string;
  /** as received, in wire order */
  headers: Array<[string, string]>;
  body: Uint8Array;
  /** header names (lower case) the scheme may replace on a re-sign; every other header must survive */
  proofHeaders: string[];
  /** payload (JSON or form) fields the scheme keeps its proof in; every other field must survive */
  proofFields: string[];
  /** the identity a dev server must see after any replay: header → value, or payload path → value */
  identity: Record<string, string>;
}

const enc = (s: string) => new TextEncoder().encode(s);
const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Standard Webhooks' example secret */
export const SW_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const GENERIC_SCHEME: GenericScheme = schemeSchema.parse({
  header: 'X-Acme-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: 'sha256=',
  template: '{timestamp}.{body}',
  timestamp: { from: 'header', name: 'X-Acme-Timestamp' },
  idempotency: { from: 'header', name: 'X-Acme-Delivery' },
});

function signed(
  provider: ProviderId,
  secret: string,
  body: string,
  contentType: string,
  url: string,
  at: number,
  extra: { id?: string; eventType?: string; scheme?: GenericScheme; method?: string } = {},
) {
  return signRequest({ provider, secret, body: enc(body), contentType, url, now: at, ...extra }, nodeCryptoPort);
}

function withHost(url: string, headers: Array<[string, string]>): Array<[string, string]> {
  return [['Host', new URL(url).host], ...headers, ['X-Forwarded-Proto', 'https'], ['Accept-Encoding', 'gzip']];
}

/** every case, captured at `at` through the tunnel at `publicBase` (e.g. https://peer.ngrok.app) */
export function capturedCases(at: number, publicBase: string): CapturedCase[] {
  const seconds = Math.floor(at / 1000);
  const iso = new Date(at).toISOString();
  const out: CapturedCase[] = [];
  const add = (c: Omit<CapturedCase, 'headers'> & { headers: Array<[string, string]> }) =>
    out.push({ ...c, headers: withHost(c.url, c.headers) });

  {
    const url = `${publicBase}/hooks/stripe`;
    const body = `{\n  "id": "evt_1PeerStripe",\n  "object": "event",\n  "api_version": "2024-06-20",\n  "account": "acct_1Peer",\n  "type": "invoice.paid",\n  "created": ${seconds},\n  "data": {"object": {"id": "in_1Peer", "object": "invoice", "customer_email": "jane.doe@example.com"}}\n}`;
    const s = signed('stripe', 'whsec_peer_stripe_secret', body, 'application/json; charset=utf-8', url, at);
    add({
      name: 'stripe', provider: 'stripe', secret: 'whsec_peer_stripe_secret', method: 'POST', url, headers: s.headers, body: s.body,
      proofHeaders: ['stripe-signature'], proofFields: [],
      identity: { 'body:id': 'evt_1PeerStripe', 'body:type': 'invoice.paid', 'body:account': 'acct_1Peer' },
    });
  }
  {
    const url = `${publicBase}/hooks/github`;
    const body = '{"ref":"feature/peer","ref_type":"branch","master_branch":"main","pusher_type":"user","repository":{"id":4242,"full_name":"peer/repo"},"sender":{"login":"peer"}}';
    const s = signed('github', "It's a Secret to Everybody", body, JSON_TYPE, url, at, { eventType: 'create', id: '72d3162e-cc78-11e3-81ab-4c9367dc0958' });
    const headers = setHeaders(s.headers, [
      ['User-Agent', 'GitHub-Hookshot/044aadd'],
      ['X-GitHub-Hook-ID', '292430182'],
      ['X-GitHub-Hook-Installation-Target-Type', 'organization'],
      ['X-GitHub-Hook-Installation-Target-ID', '79929171'],
    ]);
    add({
      name: 'github', provider: 'github', secret: "It's a Secret to Everybody", method: 'POST', url, headers, body: s.body,
      proofHeaders: ['x-hub-signature-256', 'x-hub-signature'], proofFields: [],
      identity: {
        'x-github-event': 'create',
        'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
        'x-github-hook-id': '292430182',
        'x-github-hook-installation-target-type': 'organization',
        'x-github-hook-installation-target-id': '79929171',
      },
    });
  }
  {
    const url = `${publicBase}/hooks/shopify`;
    const body = '{"id":820982911946154508,"admin_graphql_api_id":"gid://shopify/Order/820982911946154508","email":"jon@example.com","financial_status":"paid","order_number":1234}';
    const s = signed('shopify', 'peer_shopify_client_secret', body, JSON_TYPE, url, at, { eventType: 'orders/paid', id: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' });
    const headers = setHeaders(s.headers, [
      ['X-Shopify-Topic', 'orders/paid'],
      ['X-Shopify-Shop-Domain', 'peers-test.myshopify.com'],
      ['X-Shopify-API-Version', '2024-10'],
      ['X-Shopify-Event-Id', '98880550-7158-44d4-b7cd-2c97c8a091b5'],
    ]);
    add({
      name: 'shopify', provider: 'shopify', secret: 'peer_shopify_client_secret', method: 'POST', url, headers, body: s.body,
      proofHeaders: ['x-shopify-hmac-sha256'], proofFields: [],
      identity: {
        'x-shopify-topic': 'orders/paid',
        'x-shopify-shop-domain': 'peers-test.myshopify.com',
        'x-shopify-api-version': '2024-10',
        'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      },
    });
  }
  {
    const url = `${publicBase}/hooks/slack`;
    const body = '{"token":"XXYYZZ","team_id":"T0PEER","api_app_id":"A0PEER","event":{"type":"app_mention","user":"U0PEER","text":"<@U0BOT> hi","ts":"1515449522.000016","channel":"C0PEER"},"type":"event_callback","event_id":"Ev0PEER","event_time":1515449522}';
    const s = signed('slack', '8f742231b10e8888abcd99yyyzzz85a5', body, JSON_TYPE, url, at);
    add({
      name: 'slack', provider: 'slack', secret: '8f742231b10e8888abcd99yyyzzz85a5', method: 'POST', url, headers: s.headers, body: s.body,
      proofHeaders: ['x-slack-request-timestamp', 'x-slack-signature'], proofFields: [],
      identity: { 'body:team_id': 'T0PEER', 'body:event_id': 'Ev0PEER', 'body:event.type': 'app_mention' },
    });
  }
  {
    const url = `${publicBase}/hooks/sw`;
    const body = '{"type":"invoice.paid","timestamp":"2026-01-15T12:00:00Z","data":{"id":"inv_peer"}}';
    const s = signed('standard-webhooks', SW_SECRET, body, JSON_TYPE, url, at, { id: 'msg_2PeerStandard' });
    add({
      name: 'standard-webhooks', provider: 'standard-webhooks', secret: SW_SECRET, method: 'POST', url, headers: s.headers, body: s.body,
      proofHeaders: ['webhook-timestamp', 'webhook-signature'], proofFields: [],
      identity: { 'webhook-id': 'msg_2PeerStandard', 'body:type': 'invoice.paid' },
    });
    // Svix sends the same scheme under svix-* names
    const svixHeaders = s.headers.map(([n, v]): [string, string] => [n.startsWith('webhook-') ? n.replace('webhook-', 'svix-') : n, v]);
    add({
      name: 'standard-webhooks (svix)', provider: 'standard-webhooks', secret: SW_SECRET, method: 'POST', url, headers: svixHeaders, body: s.body,
      proofHeaders: ['svix-timestamp', 'svix-signature'], proofFields: [],
      identity: { 'svix-id': 'msg_2PeerStandard', 'body:type': 'invoice.paid' },
    });
  }
  {
    const url = `${publicBase}/hooks/twilio`;
    const body = 'AccountSid=AC0peer0000000000000000000000000&ApiVersion=2010-04-01&CallSid=CA0peer000000000000000000000000&CallStatus=completed&Caller=%2B14158675309&From=%2B14158675309&To=%2B18005551212';
    const s = signed('twilio', 'peer_auth_token', body, FORM_TYPE, url, at, { id: 'peer-idem-0001' });
    add({
      name: 'twilio', provider: 'twilio', secret: 'peer_auth_token', method: 'POST', url, headers: s.headers, body: s.body,
      proofHeaders: ['x-twilio-signature'], proofFields: [],
      identity: { 'i-twilio-idempotency-token': 'peer-idem-0001', 'body:AccountSid': 'AC0peer0000000000000000000000000', 'body:CallSid': 'CA0peer000000000000000000000000' },
    });
  }
  {
    const url = `${publicBase}/hooks/vonage`;
    const secret = 'qwertyuiopasdfghjklzxcvbnm123456';
    const body = enc('{"status":"answered","uuid":"63f61863-4a51-4f6b-86e1-46edebio0391","conversation_uuid":"CON-f972836a-550f-45fa-956c-12a2ab5b7d22","from":"447700900000","to":"447700900001"}');
    const token = signJwt(nodeCryptoPort, enc(secret), {
      iat: seconds,
      jti: 'b3a1cb6b-3b39-4fc6-ae5e-4a2d2c3c8b10',
      iss: 'Vonage',
      payload_hash: Buffer.from(nodeCryptoPort.hash('sha256', body)).toString('hex'),
      api_key: 'peer1234',
      application_id: '7a9b3c1d-0000-4000-8000-00000000peer',
    });
    add({
      name: 'vonage', provider: 'vonage', secret, method: 'POST', url,
      headers: [['Content-Type', JSON_TYPE], ['Authorization', `Bearer ${token}`], ['User-Agent', 'Vonage-Voice/2.0']], body,
      proofHeaders: ['authorization'], proofFields: [],
      identity: { 'jwt:api_key': 'peer1234', 'jwt:application_id': '7a9b3c1d-0000-4000-8000-00000000peer', 'jwt:iss': 'Vonage', 'body:uuid': '63f61863-4a51-4f6b-86e1-46edebio0391' },
    });
  }
  {
    const url = `${publicBase}/hooks/vonage-sms`;
    const body = `msisdn=447700900001&to=447700900000&messageId=0A0000000PEER001&text=Hello+%26+bye%3D&type=text&keyword=HELLO&api-key=peer1234&message-timestamp=2026-01-15+12%3A00%3A00&timestamp=${seconds}`;
    const s = signed('vonage-sms', 'peer_sms_signature_secret', body, FORM_TYPE, url, at);
    add({
      name: 'vonage-sms', provider: 'vonage-sms', secret: 'peer_sms_signature_secret', method: 'POST', url, headers: s.headers, body: s.body,
      proofHeaders: [], proofFields: ['timestamp', 'sig'],
      identity: { 'body:messageId': '0A0000000PEER001', 'body:api-key': 'peer1234', 'body:msisdn': '447700900001' },
    });
  }
  {
    const url = `${publicBase}/hooks/dialnexa`;
    const body = `{"event":"call.completed","call_id":"call_peer_1","agent_id":"agent_peer","timestamp":"${iso}","data":{"duration":42}}`;
    const s = signed('dialnexa', 'dn_peer_secret', body, JSON_TYPE, url, at);
    add({
      name: 'dialnexa', provider: 'dialnexa', secret: 'dn_peer_secret', method: 'POST', url,
      headers: s.headers.map(([n, v]): [string, string] => (n === 'X-DialNexa-Signature' ? [n, `sha256=${v}`] : [n, v])), body: s.body,
      proofHeaders: ['x-dialnexa-signature'], proofFields: ['timestamp'],
      identity: { 'body:event': 'call.completed', 'body:call_id': 'call_peer_1', 'body:agent_id': 'agent_peer' },
    });
  }
  {
    const url = `${publicBase}/hooks/blackbox`;
    const body = `{"type":"CompletedWebHookPayload","eventId":"evt_peer_bb","timestamp":"${iso}","callId":"call_peer_bb","agentId":"agent_peer_bb","note":"Zoë ✓"}`;
    const s = signed('blackbox', 'bb_peer_secret', body, JSON_TYPE, url, at);
    add({
      name: 'blackbox', provider: 'blackbox', secret: 'bb_peer_secret', method: 'POST', url, headers: s.headers, body: s.body,
      proofHeaders: ['x-blackbox-signature'], proofFields: ['timestamp'],
      identity: { 'body:type': 'CompletedWebHookPayload', 'body:eventId': 'evt_peer_bb', 'body:callId': 'call_peer_bb' },
    });
  }
  {
    const url = `${publicBase}/hooks/acme`;
    const body = '{"kind":"order.shipped","order":{"id":"ord_peer"}}';
    const s = signed('generic-hmac', 'acme_peer_secret', body, JSON_TYPE, url, at, { scheme: GENERIC_SCHEME });
    add({
      name: 'generic-hmac', provider: 'generic-hmac', secret: 'acme_peer_secret', scheme: GENERIC_SCHEME, method: 'POST', url,
      headers: [...s.headers, ['X-Acme-Delivery', 'dlv_peer_1'], ['X-Acme-Account', 'acct_peer']], body: s.body,
      proofHeaders: ['x-acme-signature', 'x-acme-timestamp'], proofFields: [],
      identity: { 'x-acme-delivery': 'dlv_peer_1', 'x-acme-account': 'acct_peer', 'body:kind': 'order.shipped' },
    });
  }
  return out;
}

function pathValue(value: unknown, path: string): unknown {
  let v = value;
  for (const key of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/** the identity keys of a case as a received request shows them ("header", "body:path", "jwt:claim") */
export function observedIdentity(c: CapturedCase, req: { headers: ReadonlyArray<readonly [string, string]>; body: Uint8Array }): Record<string, string | null> {
  const header = (name: string) => req.headers.find(([n]) => n.toLowerCase() === name)?.[1] ?? null;
  const text = new TextDecoder().decode(req.body);
  const isJson = /json/i.test(header('content-type') ?? '');
  const payload: unknown = isJson ? JSON.parse(text) : Object.fromEntries(new URLSearchParams(text));
  const out: Record<string, string | null> = {};
  for (const key of Object.keys(c.identity)) {
    if (key.startsWith('body:')) {
      const v = pathValue(payload, key.slice(5));
      out[key] = v === undefined || v === null ? null : String(v);
    } else if (key.startsWith('jwt:')) {
      const token = /^Bearer\s+(\S+)$/.exec(header('authorization') ?? '')?.[1] ?? '';
      const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8') || '{}') as Record<string, unknown>;
      const v = claims[key.slice(4)];
      out[key] = v === undefined ? null : String(v);
    } else {
      out[key] = header(key);
    }
  }
  return out;
}
