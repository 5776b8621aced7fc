/** `hookscope listen … --respond SPEC`: the provider hears the chosen answer; the delivery is still verified and forwarded. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { runCli, startCli } from '../../../helpers/cli-child';
import { startDevServer } from '../forward/dev-server';

const SECRET = 'whsec_listen_respond_0123456789abcdef';

test('listen --respond sequence:500,200: the first arrival gets 500 and its retry 200', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-listen-respond-'));
  const dev = await startDevServer();
  const listen = startCli(['listen', String(dev.port), '--provider', 'stripe', '--secret', SECRET, '--no-tunnel', '--json', '--respond', 'sequence:500,200', '--data-dir', dir, '--receiver-port', '0']);
  try {
    const ready = JSON.parse(await listen.line((l) => l.includes('"kind":"ready"'), 'the ready line', 60_000)) as { local: string };
    const body = JSON.stringify({ id: 'evt_listen_respond', object: 'event', type: 'charge.succeeded', data: { object: { id: 'ch_1' } } });
    const post = () =>
      fetch(ready.local, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': new Stripe('sk_test_x').webhooks.generateTestHeaderString({ payload: body, secret: SECRET }) },
        body,
      });
    assert.equal((await post()).status, 500);
    assert.equal((await post()).status, 200);
    const first = JSON.parse(await listen.line((l) => l.includes('"kind":"delivery"'), 'the first delivery line')) as { verdict: string; status: number };
    assert.deepEqual([first.verdict, first.status], ['verified', 500]);
  } finally {
    assert.equal(await listen.stop(), 0);
    await dev.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const bad = await runCli(['listen', '3000', '--provider', 'stripe', '--respond', 'status:99']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^hookscope: --respond "status:99": status must be 200–599/);
});
