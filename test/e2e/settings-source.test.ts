/**
 * First run: no sources → "Add your first source" → Settings form (validation message next to its field)
 * → a write-only secret → the new source receives a test event and shows it verified. Real server.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openUi, settled } from './helpers/browser';
import { startHookscope, type HookscopeServer } from './helpers/hookscope-server';

let server: HookscopeServer;
let browser: Browser;
let page: Page;
let problems: string[];
const SECRET = 'whsec-e2e-settings-0c9f2b7e4a1d6c3b8e5f';

before(async () => {
  server = await startHookscope({ config: { sources: [] } });
  browser = await launchBrowser();
  ({ page, problems } = await openUi(browser, server.uiUrl));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('with no source the inspector teaches the first steps', async () => {
  const start = page.getByRole('region', { name: 'Getting started' });
  await start.getByRole('heading', { name: 'Add your first source' }).waitFor();
  assert.ok((await start.getByRole('listitem').count()) >= 3, 'the steps are listed');
  await start.getByRole('button', { name: 'Add your first source' }).click();
  await page.getByRole('form', { name: 'New source' }).waitFor();
});

test('a validation error is shown next to the field it names; fixing it saves the source', async () => {
  const form = page.getByRole('form', { name: 'New source' });
  await form.getByLabel('Id', { exact: true }).fill('my-bb');
  await form.getByLabel('Name', { exact: true }).fill('My BlackBox');
  await form.getByLabel('Provider').selectOption('blackbox');
  await form.getByLabel('Timestamp tolerance (seconds)').fill('1000');
  await form.getByRole('button', { name: 'Add source' }).click();

  const tolerance = form.getByLabel('Timestamp tolerance (seconds)');
  await page.locator('input[aria-invalid="true"]').first().waitFor();
  assert.equal(await tolerance.getAttribute('aria-invalid'), 'true', 'the tolerance field is marked invalid');
  const describedBy = (await tolerance.getAttribute('aria-describedby')) ?? '';
  const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
  assert.ok(errorId, 'the field points at its error message');
  assert.match(await page.locator(`[id="${errorId}"]`).innerText(), /900/);

  await tolerance.fill('300');
  await form.getByRole('button', { name: 'Add source' }).click();
  await page.getByRole('table', { name: 'Configured sources' }).getByText('my-bb', { exact: true }).waitFor();
  await page.getByRole('form', { name: 'Edit source my-bb' }).waitFor();
});

test('a secret is write-only: its fingerprint is listed, never its value', async () => {
  const secrets = page.getByRole('region', { name: 'Secrets of my-bb' });
  await secrets.getByLabel('New secret for my-bb').fill(SECRET);
  await secrets.getByRole('button', { name: 'Add secret' }).click();
  await secrets.getByRole('listitem').first().waitFor();
  const field = secrets.getByLabel('New secret for my-bb');
  // the list can update from the configChanged event before the form's own answer clears the field
  assert.equal(await settled(() => field.inputValue(), (v) => v === ''), '', 'the field is cleared');
  const listed = await secrets.getByRole('listitem').first().innerText();
  assert.match(listed, /[0-9a-f]{8}/, 'the fingerprint is shown');
  assert.ok(!(await page.content()).includes(SECRET), 'the secret value is nowhere in the page');
});

test('the new source receives a test event sent from the Inspector', async () => {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Inspector' }).click();
  const sources = page.getByRole('complementary', { name: 'Sources' });
  await sources.getByText('My BlackBox').waitFor();
  await sources.getByLabel('Test event kind for My BlackBox').selectOption('valid');
  await sources.getByRole('button', { name: 'Send test event to My BlackBox' }).click();
  const row = page.getByRole('row').filter({ hasText: 'my-bb' }).first();
  // one summary chip per row: the verdict, and for a rejection the check that failed first
  await row.getByRole('button', { name: 'Verified' }).waitFor();
  // the test event opens in the detail pane
  await page.getByRole('region', { name: 'Delivery detail' }).getByRole('article', { name: 'signature check' }).waitFor();

  await sources.getByLabel('Test event kind for My BlackBox').selectOption('bad_signature');
  await sources.getByRole('button', { name: 'Send test event to My BlackBox' }).click();
  await page.getByRole('row').filter({ hasText: 'my-bb' }).getByRole('button', { name: /^Signature failed/ }).first().waitFor();
  assert.deepEqual(problems, []);
});
