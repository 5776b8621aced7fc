/**
 * sendTestEvent against a stand-in receiver on 127.0.0.1 that records the request and answers with
 * X-Hookscope-Delivery-Id; each kind is checked with the independent verifiers.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestEventKind } from '../../../../shared/api';
import type { ProviderId } from '../../../../shared/providers';
import { HookscopeError } from '../../../../shared/result';
import { createHttpSender } from '../../../../electron/core/forward/http-sender';
import { sendTestEvent, STALE_BY_MS, type TestEventDeps } from '../../../../electron/core/forward/test-events';
import { nodeCryptoPort } from '../../../helpers/node-crypto-port';
import { createFakeTime } from './fake-time';
import { chainSource, loopLookup } from './fixtures';
import { startDevServer, type DevServer, type Received } from './dev-server';
import { verifyIndependently } from './independent-verifiers';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const SECRETS: Partial<Record<ProviderId, string>> = {
  dialnexa: 'dn_secret',
  blackbox: 'bb_secret',
  slack: 'slack-signing-secret',
  shopify: 'shpss_secret',
  stripe: 'whsec_test_secret',
  github: 'gh-secret',
  'standard-webhooks': 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  twilio: 'twilio-auth-token',
  vonage: 'vonage-signature-secret',
  'vonage-sms': 'vonage-sms-secret',
};

describe('sendTestEvent', () => {
  let receiver: DevServer;
  const sender = createHttpSender();
  let seq = 0;
  before(async () => {
    receiver = await startDevServer();
    receiver.respond = (_r, res) => {
      seq += 1;
      res.writeHead(200, { 'content-type': 'application/json', 'X-Hookscope-Delivery-Id': `del_${seq}` }).end('{"success":true}');
    };
  });
  after(async () => {
    sender.close();
    await receiver.close();
  });

  const deps = (provider: ProviderId, over: Partial<TestEventDeps> = {}): TestEventDeps => ({
    getSource: (id) =>
      id === 'src'
        ? { ...chainSource({ id: 'src', provider }, [{ value: SECRETS[provider] as string }]), authTokens: ['tok-123'] }
        : null,
    clock: createFakeTime(NOW).clock,
    crypto: nodeCryptoPort,
    sender,
    receiverUrl: () => `http://127.0.0.1:${receiver.port}/`,
    lookup: loopLookup,
    ...over,
  });
  const send = (provider: ProviderId, kind: TestEventKind, over: Partial<TestEventDeps> = {}) =>
    sendTestEvent(deps(provider, over), { sourceId: 'src', kind });
  const asIncoming = (r: Received) => ({ url: `http://${receiver.header(r, 'host')}${r.url}`, headers: r.rawHeaders, body: r.body });

  test('valid: a correctly signed sample through the receiver path, id read from the answer', async () => {
    for (const provider of Object.keys(SECRETS) as ProviderId[]) {
      const before = receiver.received.length;
      const { deliveryId } = await send(provider, 'valid');
      assert.equal(receiver.received.length, before + 1);
      const r = receiver.received.at(-1)!;
      assert.equal(deliveryId, `del_${seq}`);
      assert.ok(r.url.startsWith('/hooks/src'), r.url);
      assert.equal(receiver.header(r, 'x-auth-token'), 'tok-123');
      assert.equal(receiver.header(r, 'x-hookscope-test'), 'valid');
      const v = verifyIndependently(provider, asIncoming(r), SECRETS[provider] as string, NOW);
      assert.equal(v.ok, true, `${provider}: ${v.reason}`);
    }
  });

  test('bad_signature: signed with another secret', async () => {
    for (const provider of ['stripe', 'standard-webhooks', 'github', 'vonage'] as ProviderId[]) {
      await send(provider, 'bad_signature');
      const v = verifyIndependently(provider, asIncoming(receiver.received.at(-1)!), SECRETS[provider] as string, NOW);
      assert.equal(v.ok, false, provider);
      assert.match(v.reason, /mismatch/);
    }
  });

  test('stale_timestamp: validly signed 10 minutes ago', async () => {
    for (const provider of ['stripe', 'blackbox', 'vonage-sms', 'standard-webhooks'] as ProviderId[]) {
      await send(provider, 'stale_timestamp');
      const r = asIncoming(receiver.received.at(-1)!);
      const secret = SECRETS[provider] as string;
      assert.equal(verifyIndependently(provider, r, secret, NOW - STALE_BY_MS).ok, true, `${provider} signed at now - 10 min`);
      const late = verifyIndependently(provider, r, secret, NOW);
      assert.equal(late.ok, false);
      assert.equal(late.timestamp, Math.floor((NOW - STALE_BY_MS) / 1000), provider);
    }
  });

  test('stale_timestamp on a preset without a timestamp is not_applicable, naming the preset', async () => {
    const before = receiver.received.length;
    await assert.rejects(send('github', 'stale_timestamp'), (e: unknown) => e instanceof HookscopeError && e.code === 'not_applicable' && e.message.includes('"github"'));
    assert.equal(receiver.received.length, before);
  });

  test('duplicate: the same signed request twice; the second id is returned', async () => {
    const before = receiver.received.length;
    const { deliveryId } = await send('standard-webhooks', 'duplicate');
    const [a, b] = receiver.received.slice(before);
    assert.equal(receiver.received.length, before + 2);
    assert.deepEqual(a.body, b.body);
    assert.deepEqual(a.rawHeaders, b.rawHeaders);
    assert.equal(deliveryId, `del_${seq}`);
  });

  test('reserialized_json: signature over the compact JSON, body sent pretty-printed', async () => {
    const { deliveryId } = await send('github', 'reserialized_json');
    assert.equal(deliveryId, `del_${seq}`);
    const r = receiver.received.at(-1)!;
    const text = r.body.toString('utf8');
    assert.match(text, /\n {2}"/);
    assert.equal(verifyIndependently('github', asIncoming(r), SECRETS.github as string, NOW).ok, false);
    const compact = Buffer.from(JSON.stringify(JSON.parse(text)));
    assert.equal(verifyIndependently('github', { ...asIncoming(r), body: compact }, SECRETS.github as string, NOW).ok, true);
  });

  test('reserialized_json on a form preset is not_applicable', async () => {
    await assert.rejects(send('twilio', 'reserialized_json'), (e: unknown) => e instanceof HookscopeError && e.code === 'not_applicable' && e.message.includes('"twilio"'));
  });

  test('no current secret, unknown source, and a receiver that does not answer are clear errors', async () => {
    await assert.rejects(
      send('github', 'valid', { getSource: () => chainSource({ id: 'src', provider: 'github' }) }),
      (e: unknown) => e instanceof HookscopeError && e.code === 'no_secret',
    );
    await assert.rejects(sendTestEvent(deps('github'), { sourceId: 'nope', kind: 'valid' }), (e: unknown) => e instanceof HookscopeError && e.code === 'not_found');
    const down = await startDevServer();
    const port = down.port;
    await down.close();
    await assert.rejects(
      send('github', 'valid', { receiverUrl: () => `http://127.0.0.1:${port}` }),
      (e: unknown) => e instanceof HookscopeError && e.code === 'receiver_unreachable' && e.message.includes(`port ${port}`),
    );
  });
});
