/**
 * The desktop joins a team workspace, in a real Chromium on the web-mode UI: Settings → Team workspace
 * (a wrong token is named at its field), the switcher shows the workspace, its history arrives live, and
 * Replay re-signed is sent by this Hookscope to a dev server on loopback where Stripe's official SDK
 * verifies it; after Disconnect, a viewer's token reads the history and is told why it cannot replay.
 * The team server is `hookscope serve --store postgres://…` on the embedded PostgreSQL.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createTokenAdmin } from '../../electron/core/api/team-token-admin';
import { signRequest } from '../../shared/verify/signer';
import { capturedCases, type CapturedCase } from '../helpers/captured-events';
import { startChildServe, type ChildServe } from '../helpers/child-serve';
import { nodeCryptoPort } from '../helpers/node-crypto-port';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres';
import { startSdkDevServer, type SdkDevServer } from '../electron/core/forward/sdk-dev-server';
import { seriousViolations } from './helpers/axe';
import { useUiSession } from './helpers/ui-session';

const STRIPE = capturedCases(Date.now(), 'http://team.invalid').find((c) => c.name === 'stripe') as CapturedCase;

let pgServer: TestPostgres;
let team: ChildServe;
let dev: SdkDevServer;
let root: string;
let member: string;
let viewer: string;

const ui = useUiSession(async () => {
  pgServer = await startTestPostgres();
  const dbUrl = await pgServer.createDatabase();
  root = mkdtempSync(join(tmpdir(), 'hookscope-e2e-team-'));
  dev = await startSdkDevServer([STRIPE], 'http://team.invalid');
  writeFileSync(join(root, 'team.json'), JSON.stringify({ sources: [{ id: 'stripe', name: 'Stripe (staging)', provider: 'stripe', secrets: ['env:STRIPE_SECRET'] }] }));
  team = await startChildServe(['--store', dbUrl, '--data-dir', join(root, 'team'), '--config', join(root, 'team.json')], {
    HOOKSCOPE_DATA_KEY: randomBytes(32).toString('base64'),
    STRIPE_SECRET: STRIPE.secret,
    HOOKSCOPE_CLI: 'src',
  });
  const pool = new pg.Pool({ connectionString: dbUrl, max: 1 });
  member = (await createTokenAdmin(pool).create('mia', 'member')).token;
  viewer = (await createTokenAdmin(pool).create('vera', 'viewer')).token;
  await pool.end();
  // this person's own Hookscope: a local source of the same id forwards to their dev server
  return { config: { sources: [{ id: 'stripe', name: 'Stripe (mine)', forward: { url: dev.url(STRIPE), auto: false } }] } };
});

after(async () => {
  if (team && team.child.exitCode === null) team.child.kill('SIGTERM');
  if (team) await Promise.race([team.exited, new Promise((r) => setTimeout(r, 15_000))]);
  await dev?.close();
  await pgServer?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function sendToTeam(eventId: string): Promise<void> {
  const body = Buffer.from(STRIPE.body).toString('utf8').replace('evt_1PeerStripe', eventId);
  const url = `${team.receiver}/hooks/stripe`;
  const signed = signRequest({ provider: 'stripe', secret: STRIPE.secret, body: new TextEncoder().encode(body), contentType: 'application/json', url, now: Date.now() }, nodeCryptoPort);
  const res = await fetch(url, { method: 'POST', headers: signed.headers.filter(([n]) => n.toLowerCase() !== 'host'), body: Buffer.from(signed.body) });
  await res.arrayBuffer();
  assert.equal(res.status, 200);
}

test('connect in Settings: a wrong token is named at its field, the right one connects', async () => {
  const { page } = ui;
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Team workspace' });
  const form = section.getByRole('form', { name: 'Connect to a team workspace' });
  await form.getByLabel('Address').fill(new URL(team.ui).origin);
  await form.getByLabel('Personal token').fill(`hks_${randomBytes(32).toString('base64url')}`);
  await form.getByRole('button', { name: 'Connect' }).click();
  await form.getByRole('alert').filter({ hasText: /refused this token/ }).waitFor();

  await form.getByLabel('Personal token').fill(member);
  await form.getByLabel('Name (optional)').fill('Acme staging');
  await form.getByRole('button', { name: 'Connect' }).click();
  await section.getByText('Live: Acme staging as mia (member)').waitFor({ timeout: 30_000 });
  assert.deepEqual(await seriousViolations(page), [], 'Settings with a workspace connected passes axe');
  assert.equal(await page.content().then((html) => html.includes(member)), false, 'the page holds no token after connecting');
});

test("the switcher opens the workspace's history live; Replay re-signed reaches the dev server and Stripe's SDK verifies it", async () => {
  const { page } = ui;
  const history = page.getByRole('navigation', { name: 'History' });
  await history.getByRole('button', { name: /Acme staging/ }).click();
  await page.getByRole('complementary', { name: 'Sources' }).getByText('Stripe (staging)').waitFor();

  await sendToTeam('evt_team_ui_1');
  const row = page.getByRole('row').filter({ hasText: 'invoice.paid' }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
  const detail = page.getByRole('region', { name: 'Delivery detail' });
  await detail.getByRole('tab', { name: 'Forwarding' }).click();
  await detail.getByText(/sent by this Hookscope to your machine/).waitFor();
  assert.equal(await detail.getByRole('button', { name: /Copy export|cURL/ }).count(), 0, 'no local-only actions on a workspace delivery');

  const before = dev.received.length;
  await detail.getByRole('button', { name: 'Replay re-signed' }).click();
  const attempt = detail.getByRole('list', { name: 'Forwarding attempts' }).getByRole('article').filter({ hasText: 'replay (re-signed)' }).first();
  await attempt.getByText('200', { exact: true }).waitFor();
  assert.equal(dev.received.length, before + 1);
  const got = dev.received.at(-1)!;
  assert.equal(got.ok, true, `Stripe's SDK refused the replay: ${got.reason}`);
  assert.match(got.body.toString('utf8'), /"id": "evt_team_ui_1"/);

  // Edit & re-sign opens on the raw body (revealed through this instance) and the workspace re-signs the edit
  await detail.getByRole('button', { name: 'Edit & re-sign' }).click();
  const editor = detail.getByLabel('Body to re-sign');
  let opened = '';
  for (let i = 0; i < 400 && !opened.includes('evt_team_ui_1'); i += 1) {
    opened = await editor.inputValue();
    if (!opened.includes('evt_team_ui_1')) await new Promise((r) => setTimeout(r, 25));
  }
  assert.match(opened, /jane\.doe@example\.com/, 'the raw body, unredacted, for a member');
  const edited = opened.replace('"invoice.paid"', '"invoice.payment_failed"');
  await editor.fill(edited);
  const sentBefore = dev.received.length;
  await detail.getByRole('button', { name: 'Send edited body, re-signed' }).click();
  for (let i = 0; i < 400 && dev.received.length === sentBefore; i += 1) await new Promise((r) => setTimeout(r, 25));
  const editedGot = dev.received.at(-1)!;
  assert.equal(editedGot.body.toString('utf8'), edited, 'the edit, byte for byte');
  assert.equal(editedGot.ok, true, `Stripe's SDK refused the edited replay: ${editedGot.reason}`);
  await detail.getByRole('button', { name: 'Edit & re-sign' }).click();

  // the timeline redraws at most every 3 s while live
  await page.getByRole('region', { name: 'Traffic timeline' }).getByText('No deliveries to chart.').waitFor({ state: 'detached', timeout: 15_000 });
  await page.screenshot({ path: process.env.HOOKSCOPE_SCREENSHOT ?? '/tmp/hookscope-team-workspace.png' });
  assert.deepEqual(await seriousViolations(page), [], 'the workspace view passes axe');
  await history.getByRole('button', { name: 'Local' }).click();
  await page.getByRole('complementary', { name: 'Sources' }).getByText('Stripe (mine)').waitFor();
  assert.deepEqual(ui.problems, []);
});

test('Disconnect removes the workspace; a viewer reads its history and is told why replay is off', async () => {
  const { page } = ui;
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Team workspace' });
  await section.getByRole('button', { name: 'Disconnect' }).click();
  const form = section.getByRole('form', { name: 'Connect to a team workspace' });
  await form.waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'History' }).count(), 0, 'no switcher without a workspace');

  await form.getByLabel('Address').fill(new URL(team.ui).origin);
  await form.getByLabel('Personal token').fill(viewer);
  await form.getByRole('button', { name: 'Connect' }).click();
  // live once the stream is open: a first open that hangs is given up after 10 s and tried again
  await section
    .getByText(/as vera \(viewer\)/)
    .first()
    .waitFor({ timeout: 60_000 })
    .catch(async (e: Error) => assert.fail(`${e.message}\nthe section said: ${(await section.innerText()).replace(/\s+/g, ' ')}`));
  await section.getByRole('button', { name: 'Show its history' }).click();

  await page.getByRole('row').filter({ hasText: 'invoice.paid' }).first().click();
  const detail = page.getByRole('region', { name: 'Delivery detail' });
  await detail.getByRole('tab', { name: 'Forwarding' }).click();
  await detail.getByText(/Your token has the viewer role in this workspace/).waitFor();
  assert.equal(await detail.getByRole('button', { name: 'Replay re-signed' }).isDisabled(), true);
  assert.deepEqual(ui.problems, []);
});
