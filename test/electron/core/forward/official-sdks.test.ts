/**
 * Replay that stays the same event, judged by the providers' official SDKs on the dev-server side: for
 * every preset, `original`, `resign`, edited + re-signed and auto-forward with `resign: true` are accepted,
 * and the dev server sees the captured event type, ids and account. Real clock (the SDKs read it), real
 * HTTP on 127.0.0.1.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createForwarder } from '../../../../electron/core/forward/outbox';
import { createHttpSender } from '../../../../electron/core/forward/http-sender';
import { replayDelivery, type ReplayDeps } from '../../../../electron/core/forward/replay';
import { headerValue } from '../../../../shared/verify/support/headers';
import { capturedCases, observedIdentity, type CapturedCase } from '../../../helpers/captured-events';
import { nodeCryptoPort } from '../../../helpers/node-crypto-port';
import { chainSource, delivery, loopLookup } from './fixtures';
import { createMemoryStore } from './memory-store';
import { startSdkDevServer, type SdkDevServer, type SdkReceived } from './sdk-dev-server';

const PUBLIC = 'https://peer.ngrok.app';
const clock = { now: () => Date.now() };

/** an edit a user would make: one more JSON field, or one more form parameter */
function edit(c: CapturedCase): string {
  const text = Buffer.from(c.body).toString('utf8');
  return /json/i.test(headerValue(c.headers, 'content-type') ?? '') ? `${text.replace(/\}\s*$/, '')},"note":"edited by hand ✓"}` : `${text}&Note=edited`;
}

describe('replays verified by the official SDKs, identity kept', () => {
  // captured a minute ago: still inside every SDK's tolerance, so `original` must pass too
  const cases = capturedCases(Date.now() - 60_000, PUBLIC);
  let sdk: SdkDevServer;
  const sender = createHttpSender();
  before(async () => {
    sdk = await startSdkDevServer(cases, PUBLIC);
  });
  after(async () => {
    sender.close();
    await sdk.close();
  });

  function source(c: CapturedCase, resign: boolean) {
    return chainSource(
      { id: 'src', provider: c.provider, ...(c.scheme ? { scheme: c.scheme } : {}), forward: { url: sdk.url(c), resign } },
      [{ value: c.secret, label: 'current' }],
    );
  }

  async function storeWith(c: CapturedCase, forwardTarget: string | null = null) {
    const store = createMemoryStore();
    const u = new URL(c.url);
    await store.add(delivery({ id: 'd1', method: c.method, target: `${u.pathname}${u.search}`, headers: c.headers, rawBody: c.body, forwardTarget }));
    return store;
  }

  function accepted(c: CapturedCase, r: SdkReceived | undefined, what: string): SdkReceived {
    assert.ok(r, `${what}: nothing reached the dev server`);
    assert.equal(r.ok, true, `${what}: the SDK refused it: ${r.reason}`);
    assert.deepEqual(observedIdentity(c, r), c.identity, `${what}: the event's identity changed`);
    return r;
  }

  for (const c of cases) {
    test(c.name, async () => {
      const store = await storeWith(c);
      const deps = (resign: boolean): ReplayDeps => ({
        store,
        clock,
        sender,
        crypto: nodeCryptoPort,
        getSource: () => source(c, resign),
        allowRemoteTargets: () => false,
        lookup: loopLookup,
      });

      const original = await replayDelivery(deps(false), { id: 'd1', mode: 'original' });
      accepted(c, sdk.received.at(-1), 'original');
      assert.equal(original.status, 200);

      const resigned = await replayDelivery(deps(true), { id: 'd1', mode: 'resign' });
      accepted(c, sdk.received.at(-1), 'resign');
      assert.equal(resigned.status, 200);

      const editedText = edit(c);
      const edited = await replayDelivery(deps(true), { id: 'd1', body: editedText });
      const got = accepted(c, sdk.received.at(-1), 'edited + re-signed');
      assert.equal(edited.status, 200);
      if (c.proofFields.length === 0) {
        assert.equal(got.body.toString('utf8'), editedText, 'the edited body goes out byte for byte');
      } else {
        // the scheme keeps its timestamp in the payload: only that field may differ from the edit
        const strip = (t: string) => t.replace(/("timestamp":)"[^"]*"/, '$1_').replace(/(^|&)(timestamp|sig)=[^&]*/g, '$1$2=_');
        assert.equal(strip(got.body.toString('utf8')), strip(editedText));
      }
      assert.equal(edited.request?.bodySha256, createHash('sha256').update(got.body).digest('hex'), 'the attempt records what was sent');

      // auto-forward with forward.resign: true
      const auto = await storeWith(c, sdk.url(c));
      const fwd = createForwarder({ store: auto, clock, sender, crypto: nodeCryptoPort, getSource: () => source(c, true), lookup: loopLookup });
      fwd.start();
      await fwd.settled();
      await fwd.stop();
      accepted(c, sdk.received.at(-1), 'auto-forward (resign)');
      assert.equal(auto.recorded.at(-1)?.forward?.state, 'delivered');
    });
  }

  test('the SDKs do refuse a stale or altered request (the dev server is not a pushover)', async () => {
    const stale = capturedCases(Date.now() - 3600_000, PUBLIC).find((c) => c.name === 'stripe') as CapturedCase;
    const store = await storeWith(stale);
    const deps: ReplayDeps = { store, clock, sender, crypto: nodeCryptoPort, getSource: () => source(stale, false), allowRemoteTargets: () => false, lookup: loopLookup };
    const attempt = await replayDelivery(deps, { id: 'd1', mode: 'original' });
    assert.equal(attempt.status, 401);
    assert.match(sdk.received.at(-1)?.reason ?? '', /tolerance|timestamp/i);

    // one byte more in the body: every verifier refuses it
    for (const c of cases) {
      const tampered = createMemoryStore();
      const u = new URL(c.url);
      await tampered.add(delivery({ id: 'd1', target: `${u.pathname}${u.search}`, headers: c.headers, rawBody: new TextEncoder().encode(`${Buffer.from(c.body).toString('utf8')}x`) }));
      const a = await replayDelivery({ ...deps, store: tampered, getSource: () => source(c, false) }, { id: 'd1', mode: 'original' });
      assert.equal(a.status, 401, `${c.name}: a tampered body was accepted`);
    }
  });
});
