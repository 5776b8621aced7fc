/**
 * A signed delivery appears live with its checks passing; a tampered one appears with the signature
 * chip saying so and the diagnosis (body_whitespace) shown in Checks. Real server, real Chromium.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useUiSession } from './helpers/ui-session';
import { BB_SECRET, blackboxBody, postWebhook, sign } from './helpers/blackbox';

const ui = useUiSession({
  config: { sources: [{ id: 'blackbox', name: 'BlackBox dev', provider: 'blackbox', secrets: ['env:BB_SECRET'] }] },
  env: { BB_SECRET },
});

test('the token is taken from the address bar and a source without deliveries teaches what to do', async () => {
  await ui.page.getByRole('heading', { name: 'Waiting for the first delivery' }).waitFor();
  assert.ok(!ui.page.url().includes('token='), `the token must be stripped from the URL: ${ui.page.url()}`);
  const started = ui.page.getByRole('region', { name: 'Get started with BlackBox dev' });
  await started.getByText(`${ui.server.receiverUrl}/hooks/blackbox`).first().waitFor();
  await started.getByRole('button', { name: 'Copy webhook URL of BlackBox dev' }).waitFor();
  assert.match(await started.getByLabel('curl example for BlackBox dev', { exact: true }).innerText(), /curl -i -X POST/);
});

test('a signed delivery appears live with signature and timestamp passing', async () => {
  const body = blackboxBody({ data: { callId: 'call_live_ok', agentId: 'agent_42' } });
  const res = await postWebhook(`${ui.server.receiverUrl}/hooks/blackbox`, body, sign(BB_SECRET, body));
  assert.equal(res.status, 200, res.text);

  const row = ui.page.getByRole('row').filter({ hasText: 'CompletedWebHookPayload' }).first();
  await row.waitFor();
  // one chip per row: the verdict; the plain-HTTP warning (local) is named on hover only
  const chip = row.getByRole('button', { name: 'Verified', exact: true });
  await chip.waitFor();
  assert.match((await chip.getAttribute('title')) ?? '', /^Verified, with a warning: transport \(plain_http\)/);
  assert.equal(await row.getByRole('button').count(), 3, 'chip, source and status: no row of pills');
  assert.deepEqual(ui.problems, []);
});

test('a body signed before a trailing newline was added shows a "Signature failed" chip and the body_whitespace diagnosis', async () => {
  const signed = blackboxBody({ eventId: 'evt_tampered_newline', data: { callId: 'call_tampered', agentId: 'agent_42' } });
  const sent = `${signed}\n`;
  const res = await postWebhook(`${ui.server.receiverUrl}/hooks/blackbox`, sent, sign(BB_SECRET, signed));
  assert.equal(res.status, 401, res.text);

  const chip = ui.page.getByRole('button', { name: 'Signature failed' });
  await chip.first().waitFor();
  const row = ui.page.getByRole('row').filter({ has: chip }).first();
  assert.match((await chip.first().getAttribute('title')) ?? '', /^Rejected: signature failed \(no_matching_signature\)/);
  await row.click();

  const detail = ui.page.getByRole('region', { name: 'Delivery detail' });
  await detail.getByRole('tab', { name: 'Checks', selected: true }).waitFor();
  const signature = detail.getByRole('article', { name: 'signature check' });
  await signature.getByText('no_matching_signature').first().waitFor();
  const diagnosis = signature.getByRole('list', { name: 'Diagnosis for signature' });
  await diagnosis.getByText('body_whitespace').waitFor();
  assert.ok((await diagnosis.innerText()).length > 'body_whitespace'.length + 10, 'the diagnosis explains itself in a sentence');
  await detail.getByRole('note', { name: 'Why it failed' }).waitFor();

  // the raw bytes show the trailing newline that broke the signature
  await detail.getByRole('tab', { name: 'Request' }).click();
  await detail.getByRole('button', { name: 'Reveal raw body' }).click();
  const raw = detail.getByLabel('Raw body', { exact: true });
  await raw.waitFor();
  assert.match(await raw.innerText(), /\\n\s*$/);
  assert.deepEqual(ui.problems, []);
});

test('queries: verdict and failing check narrow the list through the server', async () => {
  const box = ui.page.getByRole('combobox', { name: 'Query deliveries' });
  await box.fill('verdict:rejected');
  await ui.page.getByRole('button', { name: 'Verified', exact: true }).first().waitFor({ state: 'detached' });
  await ui.page.getByRole('button', { name: 'Signature failed' }).first().waitFor();
  await box.fill('fail:timestamp');
  await ui.page.getByText('No deliveries match this query.').waitFor();
  await ui.page.getByRole('button', { name: 'Clear the query' }).click();
  await ui.page.getByRole('button', { name: 'Verified', exact: true }).first().waitFor();
});

test('keyboard: / focuses search, j/k move the selection and open the detail', async () => {
  await ui.page.locator('body').click({ position: { x: 5, y: 880 } });
  await ui.page.keyboard.press('/');
  await ui.page.locator('input[aria-label="Query deliveries"]:focus').waitFor();
  await ui.page.keyboard.press('Escape');
  // k at the top stays at the top (the newest delivery)
  await ui.page.keyboard.press('k');
  await ui.page.keyboard.press('k');
  const selected = ui.page.getByRole('row', { selected: true });
  await selected.waitFor();
  const firstId = await selected.getAttribute('data-delivery-id');
  assert.equal(firstId, await ui.page.getByRole('row').first().getAttribute('data-delivery-id'));
  await ui.page.keyboard.press('j');
  await ui.page.locator(`[role="row"][aria-selected="true"]:not([data-delivery-id="${firstId}"])`).waitFor();
  await ui.page.keyboard.press('k');
  await ui.page.locator(`[role="row"][aria-selected="true"][data-delivery-id="${firstId}"]`).waitFor();
  const detailId = ui.page.getByRole('region', { name: 'Delivery detail' }).getByText(firstId ?? 'none', { exact: true });
  await detailId.waitFor();
});

test('the theme follows the system until the toggle switches it', async () => {
  await ui.page.locator('html[data-theme="light"]').waitFor({ state: 'attached' });
  await ui.page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await ui.page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
  await ui.page.getByRole('button', { name: 'Switch to light theme' }).click();
  await ui.page.locator('html[data-theme="light"]').waitFor({ state: 'attached' });
});

test('the page keeps its strict CSP and has no inline script', async () => {
  const html = await (await fetch(`${ui.server.uiBase}/`)).text();
  assert.match(html, /http-equiv="Content-Security-Policy"/);
  assert.match(html, /script-src 'self';/);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'every script is a file');
  assert.deepEqual(ui.problems, [], 'no CSP violation or page error during the whole session');
});
