/**
 * The forward layer inside the real core: test events go through the real receiver and check chain,
 * verified ones are auto-forwarded to a dev server on 127.0.0.1 with the exact received bytes, and a
 * re-signed replay verifies independently.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../../../electron/core/create-core';
import { startDevServer, type DevServer, type Received } from './dev-server';
import { verifyIndependently } from './independent-verifiers';

const SECRET = 'whsec_through_core_secret';

describe('forwarding through the core', () => {
  let dir: string;
  let dev: DevServer;
  let core: Core;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hookscope-forward-core-'));
    dev = await startDevServer();
    const configPath = join(dir, 'config.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        sources: [
          { id: 'stripe', provider: 'stripe', secrets: ['env:FWD_STRIPE_SECRET'], forward: { url: `http://localhost:${dev.port}/webhooks/stripe` } },
          { id: 'github', provider: 'github', secrets: ['env:FWD_STRIPE_SECRET'] },
        ],
      }),
    );
    core = await createCore({
      dataDir: dir,
      configPath,
      receiverHost: '127.0.0.1',
      receiverPort: 0,
      tunnel: 'off',
      env: { FWD_STRIPE_SECRET: SECRET },
      log: () => undefined,
    });
  });
  after(async () => {
    await core?.dispose();
    await dev?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function forwardedFor(id: string): Promise<Received> {
    // the auto-forward runs after the commit; wait for it (bounded) rather than sleep a fixed time
    for (let i = 0; i < 1000; i += 1) {
      const hit = dev.received.find((r) => dev.header(r, 'x-hookscope-delivery') === id);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.fail(`delivery ${id} was not forwarded`);
  }

  test('a valid test event is verified by the chain and auto-forwarded with the exact bytes', async () => {
    const { deliveryId } = await core.api.sendTestEvent({ sourceId: 'stripe', kind: 'valid' });
    const d = await core.api.getDelivery({ id: deliveryId });
    assert.equal(d.verdict, 'verified');
    assert.equal(d.checks.find((c) => c.id === 'signature')?.outcome, 'pass');
    const got = await forwardedFor(deliveryId);
    const raw = await core.api.revealRaw({ id: deliveryId });
    const rawBytes = raw.encoding === 'base64' ? Buffer.from(raw.body, 'base64') : Buffer.from(raw.body, 'utf8');
    assert.equal(got.sha256, createHash('sha256').update(rawBytes).digest('hex'));
    assert.equal(got.sha256, d.bodySha256);
    assert.equal(dev.header(got, 'x-hookscope-replay'), 'original');
  });

  test('each broken kind fails the check it is meant to fail', async () => {
    const check = async (kind: 'bad_signature' | 'stale_timestamp' | 'reserialized_json', id: string, code: string) => {
      const { deliveryId } = await core.api.sendTestEvent({ sourceId: 'stripe', kind });
      const d = await core.api.getDelivery({ id: deliveryId });
      assert.equal(d.verdict, 'rejected', kind);
      const c = d.checks.find((x) => x.id === id);
      assert.equal(c?.code, code, `${kind}: ${JSON.stringify(c)}`);
      return c;
    };
    await check('bad_signature', 'signature', 'no_matching_signature');
    await check('stale_timestamp', 'timestamp', 'too_old');
    const reser = await check('reserialized_json', 'signature', 'no_matching_signature');
    assert.ok(reser?.diagnosis.some((x) => x.code === 'reserialized_json'), JSON.stringify(reser?.diagnosis));
  });

  test('duplicate: the second delivery is flagged as a duplicate of the first', async () => {
    const { deliveryId } = await core.api.sendTestEvent({ sourceId: 'github', kind: 'duplicate' });
    const d = await core.api.getDelivery({ id: deliveryId });
    assert.equal(d.checks.find((c) => c.id === 'duplicate')?.code, 'duplicate');
    assert.ok(d.duplicateOf);
    assert.notEqual(d.duplicateOf, deliveryId);
  });

  test('replayDelivery resign through the API verifies independently', async () => {
    const { deliveryId } = await core.api.sendTestEvent({ sourceId: 'stripe', kind: 'valid' });
    await forwardedFor(deliveryId);
    const before = dev.received.length;
    const attempt = await core.api.replayDelivery({ id: deliveryId, mode: 'resign' });
    assert.equal(attempt.status, 200);
    const r = dev.received[before];
    assert.equal(dev.header(r, 'x-hookscope-replay'), 'resign');
    const v = verifyIndependently('stripe', { url: `http://${dev.header(r, 'host')}${r.url}`, headers: r.rawHeaders, body: r.body }, SECRET, Date.now());
    assert.equal(v.ok, true, v.reason);
    const detail = await core.api.getDelivery({ id: deliveryId });
    assert.deepEqual(detail.attempts.map((a) => a.mode).sort(), ['auto', 'resign']);
  });
});
