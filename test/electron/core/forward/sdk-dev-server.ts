/**
 * A dev server on 127.0.0.1 that verifies every request with the provider's official SDK, the way a user's
 * app does: stripe, @octokit/webhooks-methods, standardwebhooks, svix, twilio, @slack/bolt, @vonage/jwt,
 * @shopify/shopify-api. Presets without an official SDK (DialNexa, BlackBox, Vonage SMS, generic HMAC) are
 * checked with the node:crypto verifiers written from the providers' docs. Answers 200 when the request
 * verifies, 401 with the SDK's reason when not; every request is recorded with its verdict.
 */
import { createHmac, createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import '@shopify/shopify-api/adapters/node';
import { ApiVersion, shopifyApi } from '@shopify/shopify-api';
import { verify as verifyGithub } from '@octokit/webhooks-methods';
import { verifySlackRequest } from '@slack/bolt';
import { verifySignature as verifyVonageJwt } from '@vonage/jwt';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import twilio from 'twilio';
import type { CapturedCase } from '../../../helpers/captured-events';
import { verifyIndependently } from './independent-verifiers';

export interface SdkReceived {
  path: string;
  headers: Array<[string, string]>;
  body: Buffer;
  ok: boolean;
  reason: string;
}

export interface SdkDevServer {
  port: number;
  /** where a case's deliveries go: the same path the provider called, on this server */
  url(c: CapturedCase): string;
  received: SdkReceived[];
  close(): Promise<void>;
}

type Verify = (req: { url: string; publicUrl: string; headers: Array<[string, string]>; body: Buffer; raw: IncomingMessage; res: ServerResponse }) => Promise<void>;

const header = (headers: Array<[string, string]>, name: string) => headers.find(([n]) => n.toLowerCase() === name)?.[1] ?? '';
const headerObject = (headers: Array<[string, string]>) => Object.fromEntries(headers.map(([n, v]) => [n.toLowerCase(), v]));

function verifiers(cases: CapturedCase[]): Map<string, Verify> {
  const secretOf = (name: string) => (cases.find((c) => c.name === name) as CapturedCase).secret;
  const stripe = new Stripe('sk_test_dev_server_only');
  const out = new Map<string, Verify>();
  out.set('/hooks/stripe', async ({ headers, body }) => {
    stripe.webhooks.constructEvent(body, header(headers, 'stripe-signature'), secretOf('stripe'));
  });
  out.set('/hooks/github', async ({ headers, body }) => {
    if (!(await verifyGithub(secretOf('github'), body.toString('utf8'), header(headers, 'x-hub-signature-256')))) throw new Error('@octokit/webhooks-methods: signature does not match');
    // the legacy companion, when sent, must not be stale (GitHub's docs: HMAC-SHA1 hex with the same secret)
    const sha1 = header(headers, 'x-hub-signature');
    if (sha1 && sha1 !== `sha1=${createHmac('sha1', secretOf('github')).update(body).digest('hex')}`) throw new Error('X-Hub-Signature is stale');
  });
  out.set('/hooks/shopify', async ({ body, raw, res }) => {
    const shopify = shopifyApi({ apiKey: 'dev', apiSecretKey: secretOf('shopify'), scopes: [], hostName: 'localhost', apiVersion: ApiVersion.October24, isEmbeddedApp: false, logger: { level: 0, log: async () => undefined } });
    const result = await shopify.webhooks.validate({ rawBody: body.toString('utf8'), rawRequest: raw, rawResponse: res });
    if (!result.valid) throw new Error(`@shopify/shopify-api: ${result.reason}`);
  });
  out.set('/hooks/slack', async ({ headers, body }) => {
    verifySlackRequest({
      signingSecret: secretOf('slack'),
      body: body.toString('utf8'),
      headers: { 'x-slack-signature': header(headers, 'x-slack-signature'), 'x-slack-request-timestamp': Number(header(headers, 'x-slack-request-timestamp')) },
    });
  });
  out.set('/hooks/sw', async ({ headers, body }) => {
    // Svix's own SDK for svix-* headers, the Standard Webhooks SDK for webhook-*
    if (header(headers, 'svix-signature')) new SvixWebhook(secretOf('standard-webhooks (svix)')).verify(body.toString('utf8'), headerObject(headers));
    else new StandardWebhook(secretOf('standard-webhooks')).verify(body.toString('utf8'), headerObject(headers));
  });
  out.set('/hooks/twilio', async ({ url, publicUrl, headers, body }) => {
    const params = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    const sig = header(headers, 'x-twilio-signature');
    // like twilio.webhook({ url }) behind a tunnel: the URL this server sees, or the public one it is configured with
    if (![url, publicUrl].some((u) => twilio.validateRequest(secretOf('twilio'), sig, u, params))) throw new Error('twilio.validateRequest: signature does not match');
  });
  out.set('/hooks/vonage', async ({ headers, body }) => {
    const token = header(headers, 'authorization').replace(/^Bearer\s+/i, '');
    if (!verifyVonageJwt(token, secretOf('vonage'))) throw new Error('@vonage/jwt: signature does not match');
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { payload_hash?: string };
    if (claims.payload_hash !== createHash('sha256').update(body).digest('hex')) throw new Error('payload_hash does not match the body');
  });
  for (const [path, provider] of [['/hooks/vonage-sms', 'vonage-sms'], ['/hooks/dialnexa', 'dialnexa'], ['/hooks/blackbox', 'blackbox']] as const) {
    out.set(path, async ({ url, headers, body }) => {
      const v = verifyIndependently(provider, { url, headers, body }, secretOf(provider), Date.now());
      if (!v.ok) throw new Error(v.reason);
    });
  }
  out.set('/hooks/acme', async ({ headers, body }) => {
    const ts = header(headers, 'x-acme-timestamp');
    const expected = `sha256=${createHmac('sha256', secretOf('generic-hmac')).update(`${ts}.`).update(body).digest('hex')}`;
    const got = Buffer.from(header(headers, 'x-acme-signature'));
    if (got.length !== expected.length || !timingSafeEqual(got, Buffer.from(expected))) throw new Error('X-Acme-Signature does not match');
    if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) throw new Error('X-Acme-Timestamp is stale');
  });
  return out;
}

export async function startSdkDevServer(cases: CapturedCase[], publicBase: string): Promise<SdkDevServer> {
  const byPath = verifiers(cases);
  const received: SdkReceived[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers: Array<[string, string]> = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
      const path = (req.url ?? '').split('?')[0];
      const verify = byPath.get(path);
      const url = `http://${req.headers.host}${req.url}`;
      (verify ? verify({ url, publicUrl: `${publicBase}${req.url}`, headers, body, raw: req, res }) : Promise.reject(new Error(`no verifier for ${path}`))).then(
        () => {
          received.push({ path, headers, body, ok: true, reason: '' });
          if (!res.headersSent) res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
        },
        (error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          received.push({ path, headers, body, ok: false, reason });
          if (!res.headersSent) res.writeHead(401, { 'content-type': 'text/plain' }).end(reason);
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (c) => `http://localhost:${port}${new URL(c.url).pathname}`,
    received,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
