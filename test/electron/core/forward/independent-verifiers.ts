/**
 * Independent webhook verifiers for the resign tests, written from
 * /work/shared/reference/signature-schemes.md with node:crypto only — deliberately NOT the project's
 * verify code, so a bug shared by signer and verifier cannot hide.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { ProviderId } from '../../../../shared/providers';

export interface Incoming {
  /** full URL as the dev server sees it: http://<Host><req.url> */
  url: string;
  headers: Array<[string, string]>;
  body: Buffer;
}

export interface Verdict {
  ok: boolean;
  reason: string;
  /** unix seconds of the timestamp the request carries, when the scheme has one */
  timestamp: number | null;
}

const TOLERANCE_S = 300;

const h = (req: Incoming, name: string): string | null => {
  const all = req.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase());
  if (all.length > 1) throw new Error(`header ${name} sent ${all.length} times`);
  return all[0]?.[1] ?? null;
};
const hmac = (alg: string, key: string | Buffer, data: string | Buffer) => createHmac(alg, key).update(data).digest();
const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const fail = (reason: string): Verdict => ({ ok: false, reason, timestamp: null });

function fresh(ts: number, nowS: number, reason: string): Verdict {
  if (!Number.isFinite(ts)) return fail(`${reason}: unparseable timestamp`);
  if (Math.abs(nowS - ts) > TOLERANCE_S) return { ok: false, reason: `${reason}: timestamp ${ts} is ${nowS - ts} s off`, timestamp: ts };
  return { ok: true, reason, timestamp: ts };
}

function hexBodyHmac(req: Incoming, header: string, secret: string): boolean {
  const got = h(req, header);
  if (!got) return false;
  const hex = got.startsWith('sha256=') ? got.slice(7) : got;
  return same(hex, hmac('sha256', secret, req.body).toString('hex'));
}

function payloadTimestamp(body: Buffer): number | null {
  const ts = (JSON.parse(body.toString('utf8')) as { timestamp?: unknown }).timestamp;
  if (typeof ts === 'number') return ts > 1e12 ? Math.floor(ts / 1000) : ts;
  if (typeof ts === 'string') return Math.floor(Date.parse(ts) / 1000);
  return null;
}

function twilio(req: Incoming, secret: string): Verdict {
  const got = h(req, 'X-Twilio-Signature');
  if (!got) return fail('no X-Twilio-Signature');
  const url = new URL(req.url);
  let params: Array<[string, string]> = [];
  const bodyHash = url.searchParams.get('bodySHA256');
  if (bodyHash !== null) {
    if (bodyHash !== createHash('sha256').update(req.body).digest('hex')) return fail('bodySHA256 does not match the body');
  } else {
    params = [...new URLSearchParams(req.body.toString('utf8'))];
  }
  const keys = [...new Set(params.map(([k]) => k))].sort();
  let data = '';
  for (const k of keys) for (const v of [...new Set(params.filter(([n]) => n === k).map(([, x]) => x))].sort()) data += k + v;
  // twilio-node accepts the URL with and without the port
  const withoutPort = new URL(req.url);
  withoutPort.port = '';
  for (const u of [req.url, withoutPort.href]) {
    if (same(got, hmac('sha1', secret, u + data).toString('base64'))) return { ok: true, reason: 'twilio', timestamp: null };
  }
  return fail('twilio signature mismatch');
}

function vonageJwt(req: Incoming, secret: string, nowS: number): Verdict {
  const auth = h(req, 'Authorization');
  if (!auth?.startsWith('Bearer ')) return fail('no Bearer token');
  const [head, payload, sig] = auth.slice(7).split('.');
  const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string };
  if (header.alg !== 'HS256') return fail(`alg ${header.alg}`);
  if (!same(sig, hmac('sha256', secret, `${head}.${payload}`).toString('base64url'))) return fail('JWT signature mismatch');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iat?: number; payload_hash?: string };
  if (claims.payload_hash !== createHash('sha256').update(req.body).digest('hex')) return fail('payload_hash does not match the body');
  return fresh(Number(claims.iat), nowS, 'vonage');
}

function vonageSms(req: Incoming, secret: string, nowS: number): Verdict {
  const type = h(req, 'Content-Type') ?? '';
  const params: Array<[string, string]> = /json/.test(type)
    ? Object.entries(JSON.parse(req.body.toString('utf8')) as Record<string, string | number>).map(([k, v]) => [k, String(v)])
    : [...new URLSearchParams(req.body.toString('utf8'))];
  const sig = params.find(([k]) => k === 'sig')?.[1];
  if (!sig) return fail('no sig parameter');
  const base = params
    .filter(([k]) => k !== 'sig')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `&${k}=${v.replace(/[&=]/g, '_')}`)
    .join('');
  const candidates = [
    createHash('md5').update(base + secret).digest('hex'),
    ...['md5', 'sha1', 'sha256', 'sha512'].map((alg) => hmac(alg, secret, base).toString('hex')),
  ];
  if (!candidates.some((c) => c.toUpperCase() === sig.toUpperCase())) return fail('vonage-sms sig mismatch');
  return fresh(Number(params.find(([k]) => k === 'timestamp')?.[1]), nowS, 'vonage-sms');
}

export function verifyIndependently(provider: ProviderId, req: Incoming, secret: string, now: number): Verdict {
  const nowS = Math.floor(now / 1000);
  switch (provider) {
    case 'dialnexa': {
      if (!hexBodyHmac(req, 'X-DialNexa-Signature', secret)) return fail('dialnexa signature mismatch');
      const ts = payloadTimestamp(req.body);
      return ts === null ? { ok: true, reason: 'dialnexa', timestamp: null } : fresh(ts, nowS, 'dialnexa');
    }
    case 'blackbox': {
      if (!hexBodyHmac(req, 'X-BlackBox-Signature', secret)) return fail('blackbox signature mismatch');
      return fresh(payloadTimestamp(req.body) ?? NaN, nowS, 'blackbox');
    }
    case 'stripe': {
      const header = h(req, 'Stripe-Signature') ?? '';
      const items = header.split(',').map((i) => i.split('='));
      const t = items.find(([k]) => k === 't')?.[1] ?? '';
      const expected = hmac('sha256', secret, `${t}.${req.body.toString('utf8')}`).toString('hex');
      if (!items.some(([k, v]) => k === 'v1' && same(v, expected))) return fail('stripe signature mismatch');
      return fresh(Number.parseInt(t, 10), nowS, 'stripe');
    }
    case 'github':
      return same(h(req, 'X-Hub-Signature-256') ?? '', `sha256=${hmac('sha256', secret, req.body).toString('hex')}`)
        ? { ok: true, reason: 'github', timestamp: null }
        : fail('github signature mismatch');
    case 'slack': {
      const ts = h(req, 'X-Slack-Request-Timestamp') ?? '';
      const expected = `v0=${hmac('sha256', secret, Buffer.concat([Buffer.from(`v0:${ts}:`), req.body])).toString('hex')}`;
      if (!same(h(req, 'X-Slack-Signature') ?? '', expected)) return fail('slack signature mismatch');
      return fresh(Number(ts), nowS, 'slack');
    }
    case 'standard-webhooks': {
      const id = h(req, 'webhook-id') ?? h(req, 'svix-id');
      const ts = h(req, 'webhook-timestamp') ?? h(req, 'svix-timestamp');
      const list = h(req, 'webhook-signature') ?? h(req, 'svix-signature') ?? '';
      const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
      const expected = hmac('sha256', key, Buffer.concat([Buffer.from(`${id}.${ts}.`), req.body])).toString('base64');
      if (!list.split(' ').some((s) => s.startsWith('v1,') && same(s.slice(3), expected))) return fail('standard-webhooks signature mismatch');
      return fresh(Number(ts), nowS, 'standard-webhooks');
    }
    case 'shopify':
      return same(h(req, 'X-Shopify-Hmac-Sha256') ?? '', hmac('sha256', secret, req.body).toString('base64'))
        ? { ok: true, reason: 'shopify', timestamp: null }
        : fail('shopify signature mismatch');
    case 'twilio':
      return twilio(req, secret);
    case 'vonage':
      return vonageJwt(req, secret, nowS);
    case 'vonage-sms':
      return vonageSms(req, secret, nowS);
    default:
      throw new Error(`no independent verifier for ${provider}`);
  }
}
