/**
 * axe-core (injected into the real page) finds no serious or critical violation on any view, in light
 * and dark: every Inspector tab, Security, Settings, Readiness, Audit. Real server, real Chromium.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { seriousViolations } from './helpers/axe';
import { useUiSession } from './helpers/ui-session';
import { BB_SECRET, blackboxBody, postWebhook, sign } from './helpers/blackbox';

const ui = useUiSession({
  config: { sources: [{ id: 'blackbox', name: 'BlackBox dev', provider: 'blackbox', secrets: ['env:BB_SECRET'] }] },
  env: { BB_SECRET },
});

const audit = seriousViolations;

async function view(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name }).click();
  await page.locator(`main[aria-label="${name.toLowerCase()}"]`).waitFor();
  await page.waitForLoadState('networkidle');
}

test('no serious or critical axe-core violation on any view, light and dark', async () => {
  const url = `${ui.server.receiverUrl}/hooks/blackbox`;
  for (let i = 0; i < 3; i++) {
    const body = blackboxBody({ data: { callId: `call_${i}`, agentId: 'agent_42' } });
    await postWebhook(url, body, sign(BB_SECRET, body));
  }
  const forged = blackboxBody({ event: 'ToolWebHookPayload' });
  await postWebhook(url, forged, 'f'.repeat(64));
  await ui.server.api('sendTestEvent', { sourceId: 'blackbox', kind: 'duplicate' });

  const found: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    const page = ui.page;
    await page.emulateMedia({ colorScheme: theme });
    await view(page, 'Inspector');
    await page.getByRole('row').filter({ hasText: 'ToolWebHookPayload' }).first().click();
    for (const tab of ['Checks', 'Request', 'Forwarding', 'Compare']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('tab', { name: tab, selected: true }).waitFor();
      found.push(...(await audit(page)).map((v) => `${theme} Inspector/${tab}: ${v}`));
    }
    await page.getByRole('button', { name: 'Query help' }).click();
    found.push(...(await audit(page)).map((v) => `${theme} Inspector/query help: ${v}`));
    await page.keyboard.press('Escape');
    for (const name of ['Security', 'Settings', 'Readiness', 'Audit']) {
      await view(page, name);
      found.push(...(await audit(page)).map((v) => `${theme} ${name}: ${v}`));
    }
  }
  assert.deepEqual(found, []);
});

test('a skip link is the first Tab stop and moves focus past the top bar', async () => {
  await ui.page.goto(new URL(ui.server.uiUrl).origin + '/#/');
  await ui.page.reload();
  await ui.page.getByRole('grid', { name: /Deliveries list/ }).waitFor();
  await ui.page.keyboard.press('Tab');
  const first = ui.page.getByRole('button', { name: 'Skip to content' });
  assert.equal(await first.evaluate((el) => el === el.ownerDocument.activeElement), true);
  await ui.page.keyboard.press('Enter');
  assert.equal(await ui.page.evaluate('document.activeElement.id'), 'main');
});

test('keyboard first: Ctrl+K runs commands and queries, ? shows the shortcuts, Escape closes; both pass axe', async () => {
  const page = ui.page;
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.waitFor();
  assert.deepEqual(await audit(page), []);
  await page.keyboard.type('security');
  await page.keyboard.press('Enter');
  await page.locator('main[aria-label="security"]').waitFor();
  await palette.waitFor({ state: 'detached' });

  await page.keyboard.press('Control+k');
  await page.keyboard.type('status:401');
  await page.getByRole('option', { name: 'Search deliveries: status:401' }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('main[aria-label="inspector"]').waitFor();
  await page.getByText('1 match', { exact: true }).waitFor();

  await page.getByRole('grid', { name: /Deliveries list/ }).focus();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await sheet.waitFor();
  assert.deepEqual(await audit(page), []);
  await page.keyboard.press('Escape');
  await sheet.waitFor({ state: 'detached' });
});
