/**
 * Settings and privacy from the real UI: a secret added shows up in the Audit view by fingerprint only;
 * retention and redaction settings persist across a reload (a bad value is named next to its field);
 * erasure by a phone number written differently removes the delivery and is audited without the
 * number. Real server, real Chromium.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useUiSession } from './helpers/ui-session';
import { BB_SECRET, blackboxBody, postWebhook, sign } from './helpers/blackbox';

interface Config {
  retention: { rawBodyDays: number; eventDays: number; idempotencyHours: number };
  redaction: { keys: string[]; detectors: string[] };
}

const NEW_SECRET = 'whsec-e2e-audit-5b8d1f3a9c7e2d4f6a0b';
const PHONE = '+1 415 555 0142';

const ui = useUiSession({
  config: {
    sources: [
      { id: 'blackbox', name: 'BlackBox dev', provider: 'blackbox', secrets: ['env:BB_SECRET'] },
      { id: 'crm', name: 'CRM hooks', provider: 'blackbox' },
    ],
  },
  env: { BB_SECRET },
});

async function openView(name: 'Inspector' | 'Settings' | 'Audit'): Promise<void> {
  await ui.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name }).click();
}

test('a secret added in Settings is listed in the Audit view by its fingerprint, never its value', async () => {
  await openView('Settings');
  await ui.page.getByRole('button', { name: 'Edit source crm' }).click();
  const secrets = ui.page.getByRole('region', { name: 'Secrets of crm' });
  await secrets.getByLabel('New secret for crm').fill(NEW_SECRET);
  await secrets.getByRole('button', { name: 'Add secret' }).click();
  const fingerprint = secrets.getByRole('listitem').first().getByLabel(/^fingerprint [0-9a-f]+$/);
  await fingerprint.waitFor();
  const shown = await fingerprint.innerText();

  await openView('Audit');
  const log = ui.page.getByRole('table', { name: 'Audit log' });
  const row = log.getByRole('row').filter({ has: ui.page.getByRole('cell', { name: 'secret_added', exact: true }) });
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, /\bcrm\b/, 'the subject is the source');
  assert.ok(text.includes(shown), `the entry names the fingerprint Settings shows (${shown}): ${text}`);
  assert.ok(!(await ui.page.content()).includes(NEW_SECRET), 'the secret value is nowhere in the page');
});

test('retention settings are saved, survive a reload, and a bad value is named next to its field', async () => {
  await openView('Settings');
  const form = ui.page.getByRole('form', { name: 'Retention settings' });
  const events = form.getByLabel('Deliveries (days)');
  await events.fill('0');
  await form.getByRole('button', { name: 'Save retention' }).click();
  await form.locator('[aria-invalid="true"]').first().waitFor();
  assert.equal(await events.getAttribute('aria-invalid'), 'true', 'the Deliveries field is marked invalid');
  const errorId = ((await events.getAttribute('aria-describedby')) ?? '').split(' ').find((id) => id.endsWith('-error'));
  assert.ok(errorId, 'the field points at its message');
  assert.match(await form.locator(`[id="${errorId}"]`).innerText(), />=\s*1|at least 1/, 'the message gives the bound');
  await form.getByRole('status').filter({ hasText: 'retention.eventDays' }).waitFor();
  assert.equal((await ui.server.api<{ config: Config }>('getConfig')).config.retention.eventDays, 30, 'nothing was saved');

  await form.getByLabel('Raw bodies (days)').fill('3');
  await events.fill('14');
  await form.getByLabel('Duplicate detection (hours)').fill('48');
  await form.getByRole('button', { name: 'Save retention' }).click();
  await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  assert.equal(await events.getAttribute('aria-invalid'), null, 'the error is gone');
  assert.deepEqual((await ui.server.api<{ config: Config }>('getConfig')).config.retention, { rawBodyDays: 3, eventDays: 14, idempotencyHours: 48 });

  await ui.page.reload();
  await openView('Settings');
  const reloaded = ui.page.getByRole('form', { name: 'Retention settings' });
  await reloaded.waitFor();
  assert.equal(await reloaded.getByLabel('Raw bodies (days)').inputValue(), '3');
  assert.equal(await reloaded.getByLabel('Deliveries (days)').inputValue(), '14');
  assert.equal(await reloaded.getByLabel('Duplicate detection (hours)').inputValue(), '48');
});

test('redaction settings are saved and survive a reload', async () => {
  const form = ui.page.getByRole('form', { name: 'Redaction settings' });
  const keys = form.getByLabel('Redacted JSON keys');
  await keys.fill('phoneNumber\nemail\ntranscript\ncustomerName');
  await form.getByLabel('card numbers (Luhn-checked)').uncheck();
  await form.getByRole('button', { name: 'Save redaction' }).click();
  await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  assert.deepEqual((await ui.server.api<{ config: Config }>('getConfig')).config.redaction, {
    keys: ['phoneNumber', 'email', 'transcript', 'customerName'],
    detectors: ['email', 'phone'],
  });

  await ui.page.reload();
  await openView('Settings');
  const reloaded = ui.page.getByRole('form', { name: 'Redaction settings' });
  await reloaded.waitFor();
  assert.equal(await reloaded.getByLabel('Redacted JSON keys').inputValue(), 'phoneNumber\nemail\ntranscript\ncustomerName');
  assert.equal(await reloaded.getByLabel('card numbers (Luhn-checked)').isChecked(), false);
  assert.equal(await reloaded.getByLabel('phone numbers').isChecked(), true);
});

test('erasure by a phone number written another way removes its delivery and is audited without the number', async () => {
  const target = blackboxBody({ event: 'ErasureTargetEvent', data: { callId: 'call_erase', phoneNumber: PHONE } });
  const keep = blackboxBody({ event: 'KeepThisEvent', data: { callId: 'call_keep' } });
  for (const body of [target, keep]) {
    assert.equal((await postWebhook(`${ui.server.receiverUrl}/hooks/blackbox`, body, sign(BB_SECRET, body))).status, 200);
  }
  await openView('Inspector');
  await ui.page.getByRole('row').filter({ hasText: 'ErasureTargetEvent' }).first().waitFor();
  await ui.page.getByRole('row').filter({ hasText: 'KeepThisEvent' }).first().waitFor();

  await openView('Settings');
  const erase = ui.page.getByRole('form', { name: 'Erase personal data' });
  await erase.getByLabel('Phone number or e-mail').fill('(415) 555-0142');
  ui.page.once('dialog', (dialog) => void dialog.accept());
  await erase.getByRole('button', { name: 'Erase' }).click();
  await erase.getByRole('status').filter({ hasText: 'Deleted 1 delivery.' }).waitFor();

  await openView('Inspector');
  await ui.page.getByRole('row').filter({ hasText: 'KeepThisEvent' }).first().waitFor();
  assert.equal(await ui.page.getByRole('row').filter({ hasText: 'ErasureTargetEvent' }).count(), 0, 'the erased delivery is gone from the list');
  const { items } = await ui.server.api<{ items: Array<{ eventType: string | null }> }>('listDeliveries', {});
  assert.deepEqual(
    items.map((i) => i.eventType),
    ['KeepThisEvent'],
  );

  await openView('Audit');
  const row = ui.page.getByRole('table', { name: 'Audit log' }).getByRole('row').filter({ has: ui.page.getByRole('cell', { name: 'erase', exact: true }) });
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, /"deleted":1/);
  assert.match(text, /"valueKind":"phone"/);
  for (const digits of ['555 0142', '555-0142', '5550142']) assert.ok(!text.includes(digits), `the audit entry does not hold the number: ${text}`);
  assert.deepEqual(ui.problems, []);
});
