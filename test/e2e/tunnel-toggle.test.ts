/**
 * The tunnel switch in Settings, as a user sees it: with the fake provider (HOOKSCOPE_TUNNEL_PROVIDER=fake,
 * no ngrok account, no network) it goes online with a public URL that the source card then offers, and
 * back off; with the real provider and no authtoken it says what to do. Real servers, real Chromium.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openUi } from './helpers/browser';
import { startHookscope, type HookscopeServer } from './helpers/hookscope-server';

const SOURCE = { id: 'blackbox', name: 'BlackBox dev', provider: 'blackbox', secrets: [] };

let browser: Browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

async function openTunnelSettings(page: Page) {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Tunnel settings' });
  await section.waitFor();
  return section;
}

describe('with the fake tunnel provider', () => {
  let server: HookscopeServer;
  let page: Page;
  let problems: string[];

  before(async () => {
    server = await startHookscope({ config: { sources: [SOURCE] }, env: { HOOKSCOPE_TUNNEL_PROVIDER: 'fake' } });
    ({ page, problems } = await openUi(browser, server.uiUrl));
  });

  after(async () => {
    await page?.context().close();
    await server?.stop();
  });

  test('switching the tunnel on shows it online with its public URL, everywhere the user looks', async () => {
    const section = await openTunnelSettings(page);
    const toggle = section.getByRole('switch', { name: 'Tunnel enabled' });
    assert.equal(await toggle.getAttribute('aria-checked'), 'false');
    await section.getByText('off', { exact: true }).waitFor();
    await page.getByRole('status', { name: /^Tunnel off/ }).waitFor();

    await toggle.click();
    await section.getByText('online', { exact: true }).waitFor();
    const url = await section.getByText(/^https:\/\/[0-9a-f]+\.fake-tunnel\.test$/).innerText();
    assert.equal(await toggle.getAttribute('aria-checked'), 'true');
    await page.getByRole('status', { name: `Tunnel online: ${url}` }).waitFor();

    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Inspector' }).click();
    await page.getByRole('complementary', { name: 'Sources' }).getByText(`${url}/hooks/blackbox`).first().waitFor();
    const status = await server.api<{ tunnel: { state: string; url: string } }>('getStatus');
    assert.deepEqual([status.tunnel.state, status.tunnel.url], ['online', url], 'the UI shows what the server has');
  });

  test('switching it off again says off, and both changes are in the audit log', async () => {
    const section = await openTunnelSettings(page);
    const toggle = section.getByRole('switch', { name: 'Tunnel enabled' });
    await toggle.click();
    await section.getByText('off', { exact: true }).waitFor();
    assert.equal(await toggle.getAttribute('aria-checked'), 'false');
    await page.getByRole('status', { name: /^Tunnel off/ }).waitFor();
    assert.equal(await section.getByText(/fake-tunnel\.test/).count(), 0, 'no public URL is offered any more');

    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Audit' }).click();
    const log = page.getByRole('table', { name: 'Audit log' });
    for (const action of ['tunnel_started', 'tunnel_stopped']) {
      await log.getByRole('cell', { name: action, exact: true }).waitFor();
    }
    assert.deepEqual(problems, []);
  });
});

describe('with the real provider and no ngrok authtoken', () => {
  let server: HookscopeServer;
  let page: Page;

  before(async () => {
    // authtoken null: never read NGROK_AUTHTOKEN from the machine running the tests, never reach ngrok
    server = await startHookscope({ config: { sources: [SOURCE], tunnel: { enabled: false, authtoken: null } } });
    ({ page } = await openUi(browser, server.uiUrl));
  });

  after(async () => {
    await page?.context().close();
    await server?.stop();
  });

  test('switching the tunnel on reports the error and what to do', async () => {
    const section = await openTunnelSettings(page);
    const toggle = section.getByRole('switch', { name: 'Tunnel enabled' });
    await toggle.click();
    await section.getByText('error', { exact: true }).waitFor();
    await section.getByText('No ngrok authtoken: paste yours into Settings → Tunnel → ngrok authtoken (copy it from your ngrok dashboard), or set NGROK_AUTHTOKEN').waitFor();
    await page.getByRole('status', { name: /^Tunnel error: No ngrok authtoken/ }).waitFor();
    // enabled but failing: the switch stays on, so the user can turn it off again
    assert.equal(await toggle.getAttribute('aria-checked'), 'true');
    await toggle.click();
    await section.getByText('off', { exact: true }).waitFor();
    assert.equal(await toggle.getAttribute('aria-checked'), 'false');
    assert.equal((await server.api<{ config: { tunnel: { enabled: boolean } } }>('getConfig')).config.tunnel.enabled, false);
  });
});
