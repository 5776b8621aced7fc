import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProviderId } from '../../../../shared/providers';
import { signRequest } from '../../../../shared/verify/signer';
import { createHttpSender } from '../../../../electron/core/forward/http-sender';
import { replayDelivery, type ReplayDeps } from '../../../../electron/core/forward/replay';
import { nodeCryptoPort } from '../../../helpers/node-crypto-port';
import { createFakeTime } from './fake-time';
import { chainSource, delivery, loopLookup } from './fixtures';
import { createMemoryStore } from './memory-store';
import { startDevServer, type DevServer, type Received } from './dev-server';
import { verifyIndependently } from './independent-verifiers';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const LATER = T0 + 3600_000;
const T0_ISO = new Date(T0).toISOString();
const T0_S = Math.floor(T0 / 1000);
const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

interface Case {
  provider: ProviderId;
  secret: string;
  contentType: string;
  body: string;
  hasTimestamp: boolean;
}

const CASES: Case[] = [
  { provider: 'dialnexa', secret: 'dn_secret_1', contentType: JSON_TYPE, hasTimestamp: true, body: `{"event":"call.completed","call_id":"call_123","timestamp":"${T0_ISO}","data":{"duration":42}}` },
  { provider: 'blackbox', secret: 'bb_secret_1', contentType: JSON_TYPE, hasTimestamp: true, body: `{"event":"call.completed","eventId":"evt_1","timestamp":"${T0_ISO}","data":{"callId":"c1","agentId":"a1","note":"Zoë ✓"}}` },
  { provider: 'stripe', secret: 'whsec_stripe_test_secret', contentType: JSON_TYPE, hasTimestamp: true, body: '{\n  "id": "evt_1",\n  "object": "event",\n  "type": "payment_intent.succeeded",\n  "data": {"object": {"id": "pi_1"}}\n}\n' },
  { provider: 'github', secret: "It's a Secret to Everybody", contentType: JSON_TYPE, hasTimestamp: false, body: '{"action":"opened","zen":"ünïcødé 日本"}' },
  { provider: 'slack', secret: '8f742231b10e8888abcd99yyyzzz85a5', contentType: JSON_TYPE, hasTimestamp: true, body: '{"token":"x","type":"event_callback","event_id":"Ev1","event":{"type":"app_mention"}}' },
  { provider: 'standard-webhooks', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', contentType: JSON_TYPE, hasTimestamp: true, body: '{"type":"invoice.paid","data":{"id":"inv_1"}}' },
  { provider: 'shopify', secret: 'test_secret_key', contentType: JSON_TYPE, hasTimestamp: false, body: '{"id":1,"title":"Zoë"}' },
  { provider: 'twilio', secret: '12345', contentType: FORM_TYPE, hasTimestamp: false, body: 'CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212' },
  { provider: 'vonage', secret: 'qwertyuiopasdfghjklzxcvbnm123456', contentType: JSON_TYPE, hasTimestamp: true, body: '{"status":"answered","uuid":"u1","from":"447700900000","to":"447700900001"}' },
  { provider: 'vonage-sms', secret: 'my_secret_key_for_testing', contentType: FORM_TYPE, hasTimestamp: true, body: `msisdn=447700900001&to=447700900000&messageId=0A0000000123ABCD1&text=Hello+%26+bye%3D&type=text&message-timestamp=2026-01-15+12%3A00%3A00&timestamp=${T0_S}` },
];

function edit(c: Case, text: string): string {
  if (c.contentType === JSON_TYPE) return JSON.stringify({ ...(JSON.parse(text) as object), edited: 'ëdited ✓' });
  return `${text}&Edited=yes`;
}

describe('resign replay passes an independent verification for every preset', () => {
  let dev: DevServer;
  const sender = createHttpSender();
  before(async () => {
    dev = await startDevServer();
  });
  after(async () => {
    sender.close();
    await dev.close();
  });

  const incoming = (r: Received) => ({ url: `http://${dev.header(r, 'host')}${r.url}`, headers: r.rawHeaders, body: r.body });

  for (const c of CASES) {
    test(c.provider, async () => {
      const time = createFakeTime(T0);
      const store = createMemoryStore();
      // what the provider sent at T0 through the tunnel
      const original = signRequest(
        { provider: c.provider, secret: c.secret, body: new TextEncoder().encode(c.body), contentType: c.contentType, url: 'https://abc.ngrok.app/hooks/src', now: T0 },
        nodeCryptoPort,
      );
      await store.add(
        delivery({
          id: 'd1',
          receivedAt: T0,
          headers: [['Host', 'abc.ngrok.app'], ...original.headers, ['X-Forwarded-Proto', 'https'], ['Content-Length', String(original.body.byteLength)]],
          rawBody: original.body,
        }),
      );
      const deps: ReplayDeps = {
        store,
        clock: time.clock,
        sender,
        crypto: nodeCryptoPort,
        getSource: () =>
          chainSource({ id: 'src', provider: c.provider, forward: { url: `http://localhost:${dev.port}/webhooks/${c.provider}` } }, [
            { value: 'retired-one', retiresAt: T0 },
            { value: c.secret, label: 'current' },
          ]),
        allowRemoteTargets: () => false,
        lookup: loopLookup,
      };

      // sanity: the captured request verifies at T0 and (when timestamped) is stale an hour later
      const asReceived = { url: 'https://abc.ngrok.app/hooks/src', headers: original.headers, body: Buffer.from(original.body) };
      assert.equal(verifyIndependently(c.provider, asReceived, c.secret, T0).ok, true, 'original verifies at T0');
      if (c.hasTimestamp) assert.equal(verifyIndependently(c.provider, asReceived, c.secret, LATER).ok, false, 'original is stale later');

      time.set(LATER);
      const attempt = await replayDelivery(deps, { id: 'd1', mode: 'resign' });
      assert.equal(attempt.status, 200, attempt.error ?? '');
      assert.equal(attempt.mode, 'resign');
      const resigned = dev.received.at(-1)!;
      const names = resigned.rawHeaders.map(([n]) => n.toLowerCase());
      assert.equal(new Set(names).size, names.length, `a header was sent twice: ${names.join(', ')}`);
      assert.equal(dev.header(resigned, 'x-hookscope-replay'), 'resign');
      const v = verifyIndependently(c.provider, incoming(resigned), c.secret, LATER);
      assert.equal(v.ok, true, v.reason);
      if (c.hasTimestamp) assert.ok(v.timestamp !== null && Math.abs(v.timestamp - LATER / 1000) <= 1, 'timestamp is fresh');
      assert.equal(verifyIndependently(c.provider, incoming(resigned), 'retired-one', LATER).ok, false, 'not signed with the retired secret');
      assert.deepEqual(store.auditLog.at(-1), {
        action: 'replay',
        subject: 'd1',
        detail: { target: attempt.target, mode: 'resign', edited: false, secret: 'current', status: 200, error: null },
      });
      assert.ok(!JSON.stringify(store.auditLog).includes(c.secret), 'no secret in the audit log');

      // an edited body is re-signed even without mode "resign"
      const editedText = edit(c, Buffer.from(original.body).toString('utf8'));
      const editedAttempt = await replayDelivery(deps, { id: 'd1', body: editedText });
      assert.equal(editedAttempt.mode, 'resign');
      const edited = dev.received.at(-1)!;
      const ve = verifyIndependently(c.provider, incoming(edited), c.secret, LATER);
      assert.equal(ve.ok, true, ve.reason);
      assert.match(edited.body.toString('utf8'), c.contentType === JSON_TYPE ? /"edited":"ëdited ✓"/ : /Edited=yes/);
    });
  }
});
