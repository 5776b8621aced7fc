/**
 * Settings that finish the job, as a user does it in real Chromium against the real server: a generic
 * HMAC source configured through form fields (no JSON), a pasted request checked live (pass, and fail
 * with the reason), a capture-only source saved, the ngrok authtoken set (never echoed, in no plain
 * file), axe-core clean in light and dark, no sideways scroll at 800×600.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Page } from 'playwright-core';
import { seriousViolations } from './helpers/axe';
import { launchBrowser, openUi, settled } from './helpers/browser';
import { startHookscope, type HookscopeServer } from './helpers/hookscope-server';
import { useUiSession } from './helpers/ui-session';
import { filesUnder } from '../helpers/files-under';

const SECRET = 'hub-signing-secret-Rt5yU8iO2pA4sD6f';
const NGROK_TOKEN = '2bE2eNgrokAuthtoken_Zx9cV7bN5mQ3wE1r';

const ui = useUiSession({ config: { sources: [] }, env: { HOOKSCOPE_TUNNEL_PROVIDER: 'fake' } });

function signedHeaders(body: string, secret: string): string {
  const at = Math.floor(Date.now() / 1000);
  const mac = createHmac('sha256', secret).update(`${at}.${body}`).digest('hex');
  return `POST /hooks/hub HTTP/1.1\nContent-Type: application/json\nX-Hub-Time: ${at}\nX-Hub-Sig: sha256=${mac}`;
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await page.locator('main[aria-label="settings"]').waitFor();
}

/** pastes a request, checks it, and returns the verdict line (or the error shown instead) */
async function check(page: Page, headers: string, body: string): Promise<string> {
  const panel = page.getByRole('region', { name: 'Check a request' });
  await panel.getByLabel('Request headers').fill(headers);
  await panel.getByLabel('Request body').fill(body);
  // the previous answer goes away on the click (React flushes a click's update at once)
  await panel.getByRole('button', { name: 'Check request' }).click();
  const answer = panel.locator('[role="status"]:not(:text-is("Checking…")), [role="alert"]').first();
  await answer.waitFor();
  return answer.innerText();
}

test('a generic HMAC source is configured with form fields; a bad field is named and explained', async () => {
  const { page } = ui;
  await openSettings(page);
  await page.getByRole('button', { name: 'Add source' }).click();
  const form = page.getByRole('form', { name: 'New source' });
  await form.getByLabel('Id', { exact: true }).fill('hub');
  await form.getByLabel('Provider').selectOption('generic-hmac');
  const scheme = form.getByRole('group', { name: 'Signature scheme (Generic HMAC)' });
  await scheme.getByLabel('Signature header').fill('X Hub Sig');
  await scheme.getByLabel('Prefix').fill('sha256=');
  await scheme.getByLabel('Signed content').fill('{timestamp}.{body}');
  await scheme.getByLabel('Timestamp sent in').selectOption('header');
  await scheme.getByLabel('Timestamp header').fill('X-Hub-Time');
  await form.getByRole('button', { name: 'Add source' }).click();

  const header = scheme.getByLabel('Signature header');
  await page.locator('input[aria-invalid="true"]').first().waitFor();
  assert.equal(await header.getAttribute('aria-invalid'), 'true', 'the signature header field is marked');
  const errorId = ((await header.getAttribute('aria-describedby')) ?? '').split(' ').find((id) => id.endsWith('-error'));
  assert.ok(errorId);
  assert.match(await page.locator(`[id="${errorId}"]`).innerText(), /must be a header name .*e\.g\. X-Signature/);

  await header.fill('X-Hub-Sig');
  await form.getByRole('button', { name: 'Add source' }).click();
  await page.getByRole('form', { name: 'Edit source hub' }).waitFor();
  const stored = await ui.server.api<{ config: { sources: Array<{ id: string; scheme?: Record<string, unknown> }> } }>('getConfig');
  assert.deepEqual(stored.config.sources.find((s) => s.id === 'hub')?.scheme, {
    header: 'X-Hub-Sig',
    algorithm: 'sha256',
    encoding: 'hex',
    prefix: 'sha256=',
    template: '{timestamp}.{body}',
    timestamp: { from: 'header', name: 'X-Hub-Time' },
    idempotency: null,
    eventType: null,
  });

  const secrets = page.getByRole('region', { name: 'Secrets of hub' });
  await secrets.getByLabel('New secret for hub').fill(SECRET);
  await secrets.getByRole('button', { name: 'Add secret' }).click();
  await secrets.getByRole('listitem').first().waitFor();
});

test('a pasted request is checked live: a correct signature passes, a wrong one fails with the reason', async () => {
  const { page } = ui;
  const body = '{"id":"evt_1","type":"order.created","total":42}';
  const pass = await check(page, signedHeaders(body, SECRET), body);
  assert.match(pass, /^Verifies/);

  // signed, then re-formatted on the way (a classic): the diagnosis says so
  const reformatted = JSON.stringify(JSON.parse(body), null, 2);
  const fail = await check(page, signedHeaders(body, SECRET), reformatted);
  assert.match(fail, /^Does not verify — Signature:/);
  const panel = page.getByRole('region', { name: 'Check a request' });
  const diagnosis = await panel.getByRole('list', { name: 'Diagnosis for signature' }).innerText();
  assert.match(diagnosis, /reserialized_json/);

  const wrongKey = await check(page, signedHeaders(body, 'some-other-secret'), body);
  assert.match(wrongKey, /^Does not verify — Signature:/);

  // an unsaved change of the form is what gets tried: with another header the same request fails
  await page.getByRole('group', { name: 'Signature scheme (Generic HMAC)' }).getByLabel('Signature header').fill('X-Other-Sig');
  assert.match(await check(page, signedHeaders(body, SECRET), body), /^Does not verify — Signature:/);
  await page.getByRole('group', { name: 'Signature scheme (Generic HMAC)' }).getByLabel('Signature header').fill('X-Hub-Sig');

  // a line that is no header is named
  assert.match(await check(page, 'this is not a header', body), /line 1 .*is not a header: write one per line as Name: value/);
  assert.ok(!(await page.content()).includes(SECRET), 'the secret is nowhere in the page');
});

test('a capture-only source (no provider) can be saved', async () => {
  const { page } = ui;
  await page.getByRole('button', { name: 'Add source' }).click();
  const form = page.getByRole('form', { name: 'New source' });
  await form.getByLabel('Id', { exact: true }).fill('raw-capture');
  await form.getByLabel('Provider').selectOption('');
  await form.getByRole('button', { name: 'Add source' }).click();
  await page.getByRole('form', { name: 'Edit source raw-capture' }).waitFor();
  const row = page.getByRole('table', { name: 'Configured sources' }).getByRole('row').filter({ hasText: 'raw-capture' });
  await row.getByText('none (capture only)').waitFor();
  const stored = await ui.server.api<{ config: { sources: Array<{ id: string; provider?: string }> } }>('getConfig');
  const source = stored.config.sources.find((s) => s.id === 'raw-capture');
  assert.ok(source, 'saved');
  assert.equal(source.provider, undefined);
});

test('the ngrok authtoken is write-only: saved encrypted, shown as set, in no plain file; the tunnel status is beside it', async () => {
  const { page } = ui;
  const section = page.getByRole('region', { name: 'Tunnel settings' });
  const field = section.getByLabel('ngrok authtoken', { exact: true });
  await field.fill(NGROK_TOKEN);
  await section.getByRole('button', { name: 'Save authtoken' }).click();
  await section.getByText('Set, stored encrypted.').waitFor();
  assert.equal(await settled(() => field.inputValue(), (v) => v === ''), '', 'the field is cleared');
  await section.getByRole('button', { name: 'Replace authtoken' }).waitFor();
  assert.ok(!(await page.content()).includes(NGROK_TOKEN), 'not echoed in the page');
  assert.ok(!JSON.stringify(await ui.server.api('getConfig')).includes(NGROK_TOKEN), 'not in any API answer');
  // the data dir and the config file next to it
  for (const file of filesUnder(dirname(ui.server.dataDir))) {
    assert.ok(!readFileSync(file).includes(Buffer.from(NGROK_TOKEN)), `${file} holds the token in plain text`);
  }

  await section.getByRole('switch', { name: 'Tunnel enabled' }).click();
  await section.getByText('online', { exact: true }).waitFor();
  await section.getByText(/^https:\/\/[0-9a-f]+\.fake-tunnel\.test$/).waitFor();
  await section.getByRole('switch', { name: 'Tunnel enabled' }).click();
  await section.getByText('off', { exact: true }).waitFor();
  assert.deepEqual(ui.problems, []);
});

test('a captured delivery can be picked instead of pasting, and is checked as of its receipt', async () => {
  const { page } = ui;
  const sent = '{"id":"evt_captured","type":"order.paid"}';
  const headers = Object.fromEntries(signedHeaders(sent, SECRET).split('\n').slice(1).map((l) => l.split(': ') as [string, string]));
  assert.equal((await fetch(`${ui.server.receiverUrl}/hooks/hub`, { method: 'POST', headers, body: sent })).status, 200);
  await page.getByRole('button', { name: 'Edit source hub' }).click();
  const panel = page.getByRole('region', { name: 'Check a request' });
  const picker = panel.getByLabel('Or a captured delivery');
  // the scheme names no event type, so the option reads "<date time> · POST · verified"
  const option = picker.locator('option', { hasText: 'POST' });
  await option.waitFor({ state: 'attached' });
  await picker.selectOption({ label: (await option.innerText()).trim() });
  await panel.getByRole('button', { name: 'Check request' }).click();
  const answer = panel.locator('[role="status"]:not(:text-is("Checking…")), [role="alert"]').first();
  await answer.waitFor();
  assert.match(await answer.innerText(), /^Verifies/);
  await picker.selectOption('');
});

test('Settings: no serious or critical axe-core violation in light and dark; no sideways scroll at 800×600', async () => {
  const { page } = ui;
  const body = '{"id":"evt_2"}';
  await check(page, signedHeaders(body, 'wrong'), body);
  const found: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    found.push(...(await seriousViolations(page)).map((v) => `${theme}: ${v}`));
  }
  assert.deepEqual(found, []);

  await page.setViewportSize({ width: 800, height: 600 });
  const widths = await settled(
    () => page.evaluate<[number, number]>('[document.documentElement.scrollWidth, window.innerWidth]'),
    ([scroll, inner]) => scroll <= inner,
  );
  assert.ok(widths[0] <= widths[1], `scrollWidth ${widths[0]} > innerWidth ${widths[1]}`);
  await page.setViewportSize({ width: 1440, height: 900 });
});

describe('with the real provider and no ngrok authtoken', () => {
  let server: HookscopeServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  before(async () => {
    // authtoken null: never read NGROK_AUTHTOKEN from this machine, never reach ngrok
    server = await startHookscope({ config: { sources: [], tunnel: { enabled: false, authtoken: null } } });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the tunnel error sends the user to the authtoken field, which is right there', async () => {
    const { page } = await openUi(browser, server.uiUrl);
    await openSettings(page);
    const section = page.getByRole('region', { name: 'Tunnel settings' });
    await section.getByRole('switch', { name: 'Tunnel enabled' }).click();
    const message = await section.getByText(/^No ngrok authtoken/).innerText();
    assert.match(message, /Settings → Tunnel → ngrok authtoken/);
    await section.getByLabel('ngrok authtoken', { exact: true }).waitFor();
    await section.getByText('Not set: the tunnel cannot start.').waitFor();
  });
});
