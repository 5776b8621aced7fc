/**
 * Settings' "paste a request, see it verify" through the real core: the real chain with the source's
 * stored secret, unsaved scheme fields tried in place of the stored ones, the diagnosis of the Checks
 * tab, input errors that name the field — and never the secret in an answer.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VerifyRequestValue } from '../../../../shared/api';
import { checkArgs } from '../../../../shared/api-schemas';
import { createCore, type Core } from '../../../../electron/core/create-core';
import { filesUnder } from '../../../helpers/files-under';

const SECRET = 'generic-secret-Vb7nQ2xK9mR4tY8uI1oP';
const NGROK_TOKEN = '2abcNgrokToken_Qw3eR5tY7uI9oP1aS3dF5gH7';
const SCHEME = { header: 'X-Hub-Sig', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=', template: '{timestamp}.{body}', timestamp: { from: 'header', name: 'X-Hub-Time' } };
const NOW = Date.parse('2026-12-07T12:00:00Z');

function signed(body: string, secret = SECRET, at = Math.floor(NOW / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${at}.${body}`).digest('hex');
  return `Content-Type: application/json\nX-Hub-Time: ${at}\nX-Hub-Sig: sha256=${mac}`;
}

async function rejection(run: Promise<unknown>): Promise<{ code: string; message: string; details: Array<{ field: string; message: string }> }> {
  try {
    await run;
  } catch (error) {
    return error as { code: string; message: string; details: Array<{ field: string; message: string }> };
  }
  assert.fail('expected a rejection');
}

describe('verifyRequest', () => {
  let dir: string;
  let core: Core;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hookscope-verify-request-'));
    const configPath = join(dir, 'config.json');
    writeFileSync(configPath, JSON.stringify({ sources: [{ id: 'hub', provider: 'generic-hmac', scheme: SCHEME }, { id: 'plain' }] }));
    core = await createCore({ dataDir: dir, configPath, receiverPort: 0, tunnel: 'fake', env: {}, clock: { now: () => NOW }, log: () => undefined });
    await core.api.addSecret({ sourceId: 'hub', value: SECRET });
  });
  after(async () => {
    await core?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a correctly signed pasted request verifies; the secret is in no answer', async () => {
    const body = '{"id":"evt_1","type":"order.created"}';
    const value = await core.api.verifyRequest({ sourceId: 'hub', headers: `POST /hooks/hub HTTP/1.1\n${signed(body)}`, body });
    assert.equal(value.verified, true, JSON.stringify(value));
    assert.deepEqual(value.checks.map((c) => c.id), ['auth-token', 'signature', 'timestamp', 'payload']);
    assert.equal(value.checks.find((c) => c.id === 'signature')?.outcome, 'pass');
    assert.ok(!JSON.stringify(value).includes(SECRET));
  });

  test('a wrongly signed one fails with the Checks tab diagnosis (here: re-serialised JSON)', async () => {
    const sent = '{"id":"evt_1","type":"order.created"}';
    const pasted = JSON.stringify(JSON.parse(sent), null, 2);
    const value: VerifyRequestValue = await core.api.verifyRequest({ sourceId: 'hub', headers: signed(sent), body: pasted });
    assert.equal(value.verified, false);
    const signature = value.checks.find((c) => c.id === 'signature');
    assert.equal(signature?.outcome, 'fail');
    assert.equal(signature?.code, 'no_matching_signature');
    assert.ok(signature?.diagnosis.some((d) => d.code === 'reserialized_json'), JSON.stringify(signature?.diagnosis));
    assert.ok(!JSON.stringify(value).includes(SECRET));

    const wrongKey = await core.api.verifyRequest({ sourceId: 'hub', headers: signed(sent, 'not-the-secret'), body: sent });
    assert.equal(wrongKey.checks.find((c) => c.id === 'signature')?.code, 'no_matching_signature');
  });

  test('unsaved scheme fields are tried in place of the stored ones', async () => {
    const body = 'plain text';
    const mac = createHmac('sha512', SECRET).update(body).digest('base64');
    const headers = `X-Other: ${mac}`;
    const stored = await core.api.verifyRequest({ sourceId: 'hub', headers, body });
    assert.equal(stored.verified, false, 'the stored scheme reads X-Hub-Sig');
    const tried = await core.api.verifyRequest({ sourceId: 'hub', headers, body, scheme: { header: 'X-Other', algorithm: 'sha512', encoding: 'base64' } });
    assert.equal(tried.checks.find((c) => c.id === 'signature')?.outcome, 'pass', JSON.stringify(tried.checks));
  });

  test('input errors name the field and say what to do', async () => {
    const badScheme = await rejection(core.api.verifyRequest({ sourceId: 'hub', headers: 'X: 1', body: '', scheme: { header: 'X Sig', template: '{ts}.{body}' } }));
    assert.equal(badScheme.code, 'invalid_argument');
    const fields = badScheme.details.map((d) => d.field).sort();
    assert.deepEqual(fields, ['args.scheme.header', 'args.scheme.template']);
    assert.match(badScheme.details.find((d) => d.field === 'args.scheme.header')!.message, /header name .* e\.g\. X-Signature/);
    assert.match(badScheme.details.find((d) => d.field === 'args.scheme.template')!.message, /\{body\} and \{timestamp\}/);

    const badLine = await rejection(core.api.verifyRequest({ sourceId: 'hub', headers: 'X-Hub-Time: 1\nthis is not a header', body: '' }));
    assert.equal(badLine.details[0].field, 'args.headers');
    assert.match(badLine.message, /line 2 .* Name: value/);

    const unknown = await rejection(core.api.verifyRequest({ sourceId: 'nope', headers: 'X: 1' }));
    assert.equal(unknown.code, 'not_found');
  });

  test('a capture-only source verifies nothing and says so', async () => {
    const value = await core.api.verifyRequest({ sourceId: 'plain', headers: 'Content-Type: text/plain', body: 'x' });
    assert.equal(value.verified, true);
    assert.equal(value.checks.find((c) => c.id === 'signature')?.code, 'no_provider');
  });

  test('a captured delivery is checked as of its receipt', async () => {
    const body = '{"id":"evt_2"}';
    const headers = Object.fromEntries(signed(body).split('\n').map((l) => l.split(': ') as [string, string]));
    const res = await fetch(`${core.receiverUrl}/hooks/hub`, { method: 'POST', headers, body });
    assert.equal(res.status, 200);
    const deliveryId = res.headers.get('x-hookscope-delivery') ?? (await core.api.listDeliveries({ sourceId: 'hub', limit: 1 })).items[0].id;
    const value = await core.api.verifyRequest({ sourceId: 'hub', deliveryId });
    assert.equal(value.verified, true, JSON.stringify(value.checks));
    // the argument check both transports apply: a pasted request or a delivery, not both, not neither
    for (const args of [{ sourceId: 'hub', deliveryId, headers: 'X: 1' }, { sourceId: 'hub' }]) {
      const checked = checkArgs('verifyRequest', args);
      assert.equal(checked.ok, false);
      assert.match(checked.ok ? '' : `${checked.issues[0].field}: ${checked.issues[0].message}`, /^args\.headers: paste the request .* or pick a captured delivery/);
    }
  });

  test('the ngrok authtoken is stored sealed, reported as set, never echoed, in no plain file', async () => {
    const view = await core.api.getConfig({});
    assert.equal(view.tunnelAuthtoken?.kind, 'env', 'the default reads NGROK_AUTHTOKEN');
    assert.equal(view.tunnelAuthtoken?.resolved, false);
    const after = await core.api.updateConfig({ config: { ...view.config, tunnel: { ...view.config.tunnel, authtoken: NGROK_TOKEN } } });
    assert.equal(after.tunnelAuthtoken?.kind, 'encrypted');
    assert.equal(after.tunnelAuthtoken?.resolved, true);
    assert.match(after.config.tunnel.authtoken ?? '', /^fp:[0-9a-f]{8}$/);
    assert.ok(!JSON.stringify(after).includes(NGROK_TOKEN));
    assert.ok(!JSON.stringify(await core.api.getConfig({})).includes(NGROK_TOKEN));
    assert.match(readFileSync(join(dir, 'config.json'), 'utf8'), /"authtoken": "enc:/);
    // saving the masked config back keeps the token
    const again = await core.api.updateConfig({ config: after.config });
    assert.equal(again.tunnelAuthtoken?.fingerprint, after.tunnelAuthtoken?.fingerprint);
    for (const file of filesUnder(dir)) {
      assert.ok(!readFileSync(file).includes(Buffer.from(NGROK_TOKEN)), `${file} holds the token in plain text`);
    }
    const cleared = await core.api.updateConfig({ config: { ...again.config, tunnel: { ...again.config.tunnel, authtoken: 'env:NGROK_AUTHTOKEN' } } });
    assert.equal(cleared.tunnelAuthtoken?.kind, 'env');
  });
});

describe('an ngrok authtoken written in the config file by hand', () => {
  test('shows as plain text; Clear and pasting it again stores it sealed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookscope-authtoken-literal-'));
    const configPath = join(dir, 'config.json');
    writeFileSync(configPath, JSON.stringify({ tunnel: { authtoken: NGROK_TOKEN } }));
    const core = await createCore({ dataDir: dir, configPath, receiverPort: 0, tunnel: 'off', env: {}, log: () => undefined });
    try {
      const view = await core.api.getConfig({});
      assert.equal(view.tunnelAuthtoken?.kind, 'literal');
      assert.ok(!JSON.stringify(view).includes(NGROK_TOKEN), 'not echoed even when written in plain text');
      // the settings field's "Clear", then the same token pasted again
      const cleared = await core.api.updateConfig({ config: { ...view.config, tunnel: { ...view.config.tunnel, authtoken: 'env:NGROK_AUTHTOKEN' } } });
      const sealed = await core.api.updateConfig({ config: { ...cleared.config, tunnel: { ...cleared.config.tunnel, authtoken: NGROK_TOKEN } } });
      assert.equal(sealed.tunnelAuthtoken?.kind, 'encrypted');
      assert.ok(!readFileSync(configPath, 'utf8').includes(NGROK_TOKEN));
    } finally {
      await core.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
