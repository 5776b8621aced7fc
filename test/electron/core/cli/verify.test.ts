/** `hookscope verify`: offline, the full chain and diagnosis on a saved request; exit 0 / 1 / 2. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { runCli } from '../../../helpers/cli-child';

const SECRET = 'whsec_verify_test_0123456789abcdef';

test('verify: a Stripe-signed request (signed by the Stripe SDK) exits 0; re-serialised JSON exits 1 with the diagnosis; usage mistakes exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-verify-'));
  try {
    const body = '{"id":"evt_1","object":"event","type":"invoice.paid","data":{"object":{"id":"in_1"}}}';
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = new Stripe('sk_test_x').webhooks.generateTestHeaderString({ payload: body, secret: SECRET, timestamp });
    writeFileSync(join(dir, 'headers.txt'), `POST /webhooks HTTP/1.1\nContent-Type: application/json\nStripe-Signature: ${signature}\n`);
    writeFileSync(join(dir, 'body.json'), body);
    writeFileSync(join(dir, 'pretty.json'), JSON.stringify(JSON.parse(body), null, 2));
    const args = (bodyFile: string, extra: string[] = []) => ['verify', '--provider', 'stripe', '--secret', 'env:STRIPE_WEBHOOK_SECRET', '--headers', join(dir, 'headers.txt'), '--body', join(dir, bodyFile), ...extra];
    const env = { STRIPE_WEBHOOK_SECRET: SECRET };

    const good = await runCli(args('body.json'), { env });
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stdout, /^PASS +signature +ok: /m);
    assert.match(good.stdout, /^PASS +timestamp /m);
    assert.match(good.stdout, /\nverified\n$/);
    assert.ok(!good.stdout.includes(SECRET), 'the secret is never printed');

    const bad = await runCli(args('pretty.json', ['--json']), { env });
    assert.equal(bad.code, 1, bad.stderr);
    const report = JSON.parse(bad.stdout) as { verdict: string; checks: Array<{ id: string; outcome: string; code: string; diagnosis: Array<{ code: string }> }> };
    assert.equal(report.verdict, 'rejected');
    const sig = report.checks.find((c) => c.id === 'signature')!;
    assert.equal(sig.outcome, 'fail');
    assert.equal(sig.code, 'no_matching_signature');
    assert.ok(sig.diagnosis.some((d) => d.code === 'reserialized_json'), JSON.stringify(sig.diagnosis));

    // a request pasted from an old log: too old now, verified at the time it was received
    const later = new Date((timestamp + 3600) * 1000).toISOString();
    const stale = await runCli(args('body.json', ['--at', later]), { env });
    assert.equal(stale.code, 1);
    assert.match(stale.stdout, /^FAIL +timestamp +too_old: /m);
    assert.match(stale.stdout, /\nrejected: timestamp failed \(too_old\)\n$/);
    const atTheTime = await runCli(args('body.json', ['--at', String(timestamp + 10)]), { env });
    assert.equal(atTheTime.code, 0, atTheTime.stdout);

    const mistakes: Array<[string[], Record<string, string>, RegExp]> = [
      [['verify', '--provider', 'stripe'], env, /^hookscope: --secret is required/],
      [['verify', '--provider', 'paypal', '--secret', 'x'], env, /^hookscope: --provider must be one of dialnexa, .*, got "paypal"/],
      [args('missing.json'), env, /^hookscope: --body: cannot read .*missing\.json: no such file/],
      [args('body.json'), {}, /^hookscope: --secret env:STRIPE_WEBHOOK_SECRET: the environment variable STRIPE_WEBHOOK_SECRET is not set or empty/],
      [args('body.json', ['--tolerance', '1200']), env, /^hookscope: --tolerance needs a whole number from 1 to 900/],
    ];
    for (const [argv, e, expected] of mistakes) {
      const r = await runCli(argv, { env: { STRIPE_WEBHOOK_SECRET: '', ...e } });
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, expected);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
