#!/usr/bin/env node
// Screenshots of the main views in both themes, from the real server and the built UI:
//   docs/screenshots/<view>-<light|dark>.png
// Usage: node scripts/screenshots.mjs [name-prefix…]   (finds a Chromium as the UI tests do; builds the UI
// when stale); with prefixes, only the matching pictures are written (e.g. `settings`)
import { register } from 'tsx/esm/api';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

register();
const { startHookscope } = await import('../test/e2e/helpers/hookscope-server.ts');
const { launchBrowser, openUi } = await import('../test/e2e/helpers/browser.ts');
const { startDevServer } = await import('../test/e2e/helpers/dev-server.ts');
const { BB_SECRET, blackboxBody, postWebhook, sign } = await import('../test/e2e/helpers/blackbox.ts');

const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots');
mkdirSync(OUT, { recursive: true });
const THEMES = ['light', 'dark'];
const ONLY = process.argv.slice(2);
const HUB_SECRET = 'hub-screenshots-secret-4f8a1c9e2b7d';

async function seed(server, devUrl) {
  const url = `${server.receiverUrl}/hooks/blackbox`;
  const post = (body, signature) => postWebhook(url, body, signature ?? sign(BB_SECRET, body));
  // traffic over ~15 s, so the timeline above the list has a shape: calls in every round, and in the middle a
  // burst of forged signatures that raises the "invalid signatures" alert (more than 10 a minute)
  const calls = [2, 3, 1, 4, 2, 5, 3, 2, 4, 1];
  for (const [round, n] of calls.entries()) {
    if (round > 0) await new Promise((r) => setTimeout(r, 1500));
    for (let i = 0; i < n; i++) {
      await post(blackboxBody({ event: i % 2 ? 'StartWebHookPayload' : 'CompletedWebHookPayload', data: { callId: `call_${round}_${i}`, agentId: 'agent_42', phoneNumber: '+14155550167', email: 'ada@example.com' } }));
    }
    if (round === 4 || round === 5) for (let i = 0; i < 6; i++) await post(blackboxBody({ event: 'ToolWebHookPayload' }), 'f'.repeat(64));
  }
  // local time sent without a zone, two hours off: a timezone bug
  const local = new Date(Date.now() - 2 * 3600_000).toISOString().replace(/\.\d+Z$/, '');
  await post(blackboxBody({ event: 'FailedWebHookPayload', timestamp: local, data: { callId: 'call_tz', agentId: 'agent_42' } }));
  await server.api('sendTestEvent', { sourceId: 'stripe-dev', kind: 'reserialized_json' }).catch(() => undefined);
  await server.api('sendTestEvent', { sourceId: 'blackbox', kind: 'duplicate' }).catch(() => undefined);
  // signed, then a trailing newline was added: body_whitespace
  const signed = blackboxBody({ eventId: 'evt_newline', data: { callId: 'call_nl', agentId: 'agent_42', transcript: 'Hello, this is Ada.' } });
  await post(`${signed}\n`, sign(BB_SECRET, signed));
  void devUrl;
}

/** a request signed as the hub source's generic HMAC scheme says: X-Hub-Time and sha256=hex over "{timestamp}.{body}" */
async function hubHeaders(body, secret) {
  const { createHmac } = await import('node:crypto');
  const at = Math.floor(Date.now() / 1000);
  return `Content-Type: application/json\nX-Hub-Time: ${at}\nX-Hub-Sig: sha256=${createHmac('sha256', secret).update(`${at}.${body}`).digest('hex')}`;
}

async function shoot(page, name, theme) {
  if (ONLY.length && !ONLY.some((prefix) => name.startsWith(prefix))) return;
  await page.waitForTimeout(250); // let fonts and the last frame settle (screenshots only, never in tests)
  await page.screenshot({ path: join(OUT, `${name}-${theme}.png`) });
  console.log(`docs/screenshots/${name}-${theme}.png`);
}

async function main() {
  const browser = await launchBrowser();
  const dev = await startDevServer({ status: 200, body: '{"received":true}', contentType: 'application/json' });
  const full = await startHookscope({
    config: {
      sources: [
        { id: 'blackbox', name: 'Dasha BlackBox (dev)', provider: 'blackbox', secrets: ['env:BB_SECRET'], forward: { url: dev.url, auto: true } },
        { id: 'stripe-dev', name: 'Stripe (staging)', environment: 'staging', provider: 'stripe', secrets: ['env:STRIPE_SECRET'], mode: 'observe' },
        {
          id: 'acme',
          name: 'Acme (generic HMAC)',
          provider: 'generic-hmac',
          scheme: { header: 'X-Hub-Sig', prefix: 'sha256=', template: '{timestamp}.{body}', timestamp: { from: 'header', name: 'X-Hub-Time' }, eventType: { from: 'payload', path: 'type' } },
          secrets: ['env:HUB_SECRET'],
        },
      ],
    },
    env: { BB_SECRET, STRIPE_SECRET: 'whsec_c2NyZWVuc2hvdHMtc3RyaXBlLXNlY3JldA', HUB_SECRET },
  });
  const empty = await startHookscope({ config: { sources: [] } });
  const fresh = await startHookscope({ config: { sources: [{ id: 'blackbox', name: 'Dasha BlackBox (dev)', provider: 'blackbox', secrets: ['env:BB_SECRET'] }] }, env: { BB_SECRET } });
  try {
    await seed(full, dev.url);
    // each view at 1440×900 and at 800×600 (one inspector pane at a time there)
    for (const [width, height, suffix] of [[1440, 900, ''], [800, 600, '-800']]) {
      for (const theme of THEMES) {
        const { page } = await openUi(browser, full.uiUrl, { colorScheme: theme, width, height });
        const failing = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'Signature failed' }) }).first();
        if (suffix) {
          await failing.waitFor();
          await shoot(page, 'inspector-list' + suffix, theme);
        }
        await failing.click();
        await page.getByRole('list', { name: 'Diagnosis for signature' }).waitFor();
        await shoot(page, 'inspector' + suffix, theme);

        await page.getByRole('tab', { name: 'Request' }).click();
        await page.getByRole('button', { name: 'Reveal raw body' }).click();
        await page.getByLabel('Raw body', { exact: true }).scrollIntoViewIfNeeded();
        await shoot(page, 'inspector-request' + suffix, theme);

        if (suffix) await page.getByRole('button', { name: '← Deliveries' }).click();
        const tz = page.getByRole('row').filter({ hasText: 'FailedWebHookPayload' }).first();
        await tz.click();
        await page.getByRole('tab', { name: 'Checks' }).click();
        await page.getByRole('article', { name: 'timestamp check' }).scrollIntoViewIfNeeded();
        await shoot(page, 'inspector-timestamp' + suffix, theme);

        if (suffix) await page.getByRole('button', { name: '← Deliveries' }).click();
        const box = page.getByRole('combobox', { name: 'Query deliveries' });
        await box.fill('type:Completed* -dup:yes');
        await page.getByText(/\d+ match/).waitFor();
        const ok = page.getByRole('row').filter({ hasText: '→ 200' }).first();
        await ok.click();
        await page.getByRole('tab', { name: 'Forwarding' }).click();
        await page.getByRole('button', { name: 'Replay re-signed' }).click();
        await page.getByText('just now').waitFor();
        await shoot(page, 'inspector-forwarding' + suffix, theme);
        await page.getByRole('tab', { name: 'Compare' }).click();
        await page.getByRole('radio', { name: 'A sent request with the captured one' }).check();
        await page.getByRole('region', { name: 'Differences between the captured and the sent request' }).waitFor();
        await shoot(page, 'inspector-compare' + suffix, theme);
        if (suffix) await page.getByRole('button', { name: '← Deliveries' }).click();
        await box.fill('');

        await page.keyboard.press('Control+k');
        await page.getByRole('dialog', { name: 'Command palette' }).waitFor();
        await page.keyboard.type('go');
        await shoot(page, 'command-palette' + suffix, theme);
        await page.keyboard.press('Escape');

        await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Security' }).click();
        await page.getByRole('table', { name: 'Failure counters' }).waitFor();
        await shoot(page, 'security' + suffix, theme);

        await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
        await page.getByRole('button', { name: 'Edit source blackbox' }).click();
        await page.getByRole('form', { name: 'Edit source blackbox' }).waitFor();
        await shoot(page, 'settings' + suffix, theme);

        // generic HMAC as form fields, and a pasted request checked: signed, then re-formatted on the way
        await page.getByRole('button', { name: 'Edit source acme' }).click();
        const panel = page.getByRole('region', { name: 'Check a request' });
        const sent = '{"id":"evt_9","type":"order.paid","total":42}';
        await panel.getByLabel('Request headers').fill(await hubHeaders(sent, HUB_SECRET));
        await panel.getByLabel('Request body').fill(JSON.stringify(JSON.parse(sent), null, 2));
        await panel.getByRole('button', { name: 'Check request' }).click();
        await panel.getByRole('list', { name: 'Diagnosis for signature' }).waitFor();
        await page.getByRole('group', { name: 'Signature scheme (Generic HMAC)' }).scrollIntoViewIfNeeded();
        await shoot(page, 'settings-hmac' + suffix, theme);
        await panel.getByRole('status').scrollIntoViewIfNeeded();
        await shoot(page, 'settings-check' + suffix, theme);
        await page.getByRole('region', { name: 'Tunnel settings' }).scrollIntoViewIfNeeded();
        await shoot(page, 'settings-tunnel' + suffix, theme);

        await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Readiness' }).click();
        await page.getByRole('list', { name: 'Readiness checklist' }).getByRole('listitem').first().waitFor();
        await shoot(page, 'readiness' + suffix, theme);

        await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Audit' }).click();
        await page.getByRole('table', { name: 'Audit log' }).waitFor();
        await shoot(page, 'audit' + suffix, theme);
        await page.context().close();

        const e = await openUi(browser, empty.uiUrl, { colorScheme: theme, width, height });
        await e.page.getByRole('heading', { name: 'Add your first source' }).waitFor();
        await shoot(e.page, 'empty' + suffix, theme);
        await e.page.context().close();

        const f = await openUi(browser, fresh.uiUrl, { colorScheme: theme, width, height });
        await f.page.getByRole('heading', { name: 'Waiting for the first delivery' }).waitFor();
        await shoot(f.page, 'first-delivery' + suffix, theme);
        await f.page.context().close();
      }
    }
  } finally {
    await browser.close();
    await Promise.all([full.stop(), empty.stop(), fresh.stop(), dev.close()]);
  }
}

await main();
