/** `hookscope listen`: the one-command start, driven as a child process with a real dev server on a port. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { runCli, startCli } from '../../../helpers/cli-child';
import { startDevServer } from '../forward/dev-server';

const SECRET = 'whsec_listen_test_0123456789abcdef';

function stripeDelivery(url: string, secret: string, id: string): Promise<Response> {
  const body = JSON.stringify({ id, object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1' } } });
  const signature = new Stripe('sk_test_x').webhooks.generateTestHeaderString({ payload: body, secret });
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
}

test('listen <port> --provider stripe --secret S --no-tunnel --json forwards a Stripe-signed delivery and prints its delivery and attempt lines', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-listen-'));
  const dev = await startDevServer();
  dev.respond = (_r, res) => res.writeHead(201).end('created');
  const listen = startCli(['listen', String(dev.port), '--provider', 'stripe', '--secret', SECRET, '--no-tunnel', '--json', '--path', '/webhooks', '--data-dir', dir, '--receiver-port', '0']);
  try {
    const ready = JSON.parse(await listen.line((l) => l.includes('"kind":"ready"'), 'the ready line', 60_000)) as Record<string, string | null>;
    assert.equal(ready.sourceId, 'stripe');
    assert.equal(ready.target, `http://localhost:${dev.port}/webhooks`);
    assert.equal(ready.public, null);
    assert.match(ready.local as string, /^http:\/\/127\.0\.0\.1:\d+\/hooks\/stripe$/);

    const sentAt = Date.now();
    assert.equal((await stripeDelivery(ready.local as string, SECRET, 'evt_listen_1')).status, 200);
    const delivery = JSON.parse(await listen.line((l) => l.includes('"kind":"delivery"'), 'the delivery line')) as Record<string, unknown>;
    const attempt = JSON.parse(await listen.line((l) => l.includes('"kind":"attempt"'), 'the attempt line')) as Record<string, unknown>;
    t.diagnostic(`delivery and attempt lines ${Date.now() - sentAt} ms after the request was sent`);
    assert.equal(delivery.verdict, 'verified');
    assert.equal(delivery.sourceId, 'stripe');
    assert.equal(delivery.eventType, 'payment_intent.succeeded');
    assert.equal(attempt.deliveryId, delivery.id);
    assert.equal(attempt.status, 201);
    assert.equal(attempt.target, `http://localhost:${dev.port}/webhooks`);
    assert.equal(dev.received.length, 1);
    assert.equal(JSON.parse(dev.received[0].body.toString()).id, 'evt_listen_1');

    // a wrongly signed one: a rejected line naming the failing check, and nothing forwarded
    assert.equal((await stripeDelivery(ready.local as string, 'whsec_someone_elses_secret_000000', 'evt_listen_2')).status, 401);
    const rejected = JSON.parse(await listen.line((l) => l.includes('"kind":"delivery"'), 'the rejected line')) as Record<string, unknown>;
    assert.deepEqual(rejected.failingCheck, { id: 'signature', code: 'no_matching_signature' });

    // other commands find a running listen through the same data dir
    const exported = await runCli(['export', '--format', 'json', '--data-dir', dir]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.ok(exported.stdout.includes('evt_listen_1'));

    // the literal secret was stored encrypted, never in plain text on disk
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) assert.ok(!readFileSync(join(dir, name), 'utf8').includes(SECRET), name);
  } finally {
    assert.equal(await listen.stop(), 0);
    await dev.close();
  }

  // a second listen reuses the source (and its stored secret) with a new target, in text mode
  const dev2 = await startDevServer();
  const again = startCli(['listen', `http://127.0.0.1:${dev2.port}/hook`, '--provider', 'stripe', '--no-tunnel', '--data-dir', dir, '--receiver-port', '0']);
  try {
    await again.line((l) => l.startsWith('Ready!'), 'the Ready line', 60_000);
    const local = (await again.line((l) => l.trim().startsWith('local'), 'the local URL')).trim().split(/\s+/)[1];
    assert.equal((await stripeDelivery(local, SECRET, 'evt_listen_3')).status, 200);
    assert.match(await again.line((l) => l.includes('-->'), 'the delivery line'), /^\d\d:\d\d:\d\d --> stripe payment_intent\.succeeded \[[^\]]+\] verified$/);
    assert.match(await again.line((l) => l.includes('<--'), 'the attempt line'), new RegExp(`^\\d\\d:\\d\\d:\\d\\d <-- \\[200\\] POST http://127\\.0\\.0\\.1:${dev2.port}/hook {2}\\d+ ms$`));
  } finally {
    assert.equal(await again.stop(), 0);
    await dev2.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('listen <port> without --provider captures and forwards a plain POST, its signature check skipped as no provider configured', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-listen-'));
  const dev = await startDevServer();
  dev.respond = (_r, res) => res.writeHead(202).end('accepted');
  const listen = startCli(['listen', String(dev.port), '--no-tunnel', '--path', '/in', '--data-dir', dir, '--receiver-port', '0']);
  try {
    assert.match(await listen.line((l) => l.startsWith('Ready!'), 'the Ready line', 60_000), /no provider configured/);
    const local = (await listen.line((l) => l.trim().startsWith('local'), 'the local URL')).trim().split(/\s+/)[1];
    assert.match(local, /\/hooks\/listen$/);
    const sent = await fetch(local, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello, unsigned' });
    assert.equal(sent.status, 200);
    assert.match(
      await listen.line((l) => l.includes('-->'), 'the delivery line'),
      /^\d\d:\d\d:\d\d --> listen - \[[^\]]+\] verified \(signature skipped: no_provider\)$/,
    );
    assert.match(await listen.line((l) => l.includes('<--'), 'the attempt line'), new RegExp(`^\\d\\d:\\d\\d:\\d\\d <-- \\[202\\] POST http://localhost:${dev.port}/in {2}\\d+ ms$`));
    assert.equal(dev.received.length, 1);
    assert.equal(dev.received[0].body.toString(), 'hello, unsigned');

    // the stored delivery says why: the signature check skipped with the reason, nothing failed
    const exported = await runCli(['export', '--format', 'json', '--data-dir', dir]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /no provider configured/);
  } finally {
    assert.equal(await listen.stop(), 0);
    await dev.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('listen usage mistakes: one line naming the flag, exit 2', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['listen'], /^hookscope: Missing <port\|url>/],
    [['listen', '3000', '--secret', 'whsec_x'], /^hookscope: --secret needs --provider/],
    [['listen', 'http://localhost:3000/x', '--path', '/y', '--provider', 'stripe'], /^hookscope: --path goes with a <port>/],
    [['listen', 'ftp://x', '--provider', 'stripe'], /^hookscope: <url> needs an http:\/\/ or https:\/\/ URL/],
    [['listen', '3000', '--provider', 'paypal'], /^hookscope: --provider must be one of/],
    [['listen', '3000', '--provider', 'stripe', '--source', 'Bad Id'], /^hookscope: --source must be 1–40 characters/],
    [['listen', '3000', '--provider', 'stripe', '--secret', 'env:HOOKSCOPE_TEST_UNSET_VAR'], /^hookscope: --secret env:HOOKSCOPE_TEST_UNSET_VAR: the environment variable HOOKSCOPE_TEST_UNSET_VAR is not set/],
  ];
  for (const [argv, expected] of cases) {
    const r = await runCli(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.stderr, expected);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});
