/**
 * The provider's retries and the Chaos menu in the UI: a retried event is labelled as the 2nd arrival
 * with its schedule on a timeline; "5 copies at once" against a naive dev server (with a side-effect
 * probe) shows every answer and the verdict. Real server, real Chromium.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useUiSession } from './helpers/ui-session';
import { BB_SECRET, blackboxBody, postWebhook, sign } from './helpers/blackbox';

let server: Server;
let base = '';
let applied = 0;

const ui = useUiSession(async () => {
  // a naive handler: every copy applies its side effect; GET /count is the probe
  server = createServer((req, res) => {
    if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ applied }));
    req.resume();
    req.on('end', () => {
      applied += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(`{"ok":true,"n":${applied}}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    config: {
      sources: [{ id: 'blackbox', provider: 'blackbox', secrets: ['env:BB_SECRET'], forward: { url: `${base}/hook`, auto: false }, respond: { mode: 'sequence', statuses: [500, 200] } }],
    },
    env: { BB_SECRET },
  };
});
after(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

test('a retried event is grouped; Chaos → 5 copies at once flags the naive handler', async () => {
  const body = blackboxBody({ eventId: 'evt_chaos_ui_1', contact: 'ada.lovelace@example.com' });
  const signature = sign(BB_SECRET, body);
  const url = `${ui.server.receiverUrl}/hooks/blackbox`;
  assert.equal((await postWebhook(url, body, signature)).status, 500);
  assert.equal((await postWebhook(url, body, signature)).status, 200);

  const row = ui.page.getByRole('row').filter({ hasText: '2nd arrival of evt_chaos_ui_1' }).first();
  await row.waitFor();
  await row.click();
  const detail = ui.page.getByRole('region', { name: 'Delivery detail' });
  await detail.getByRole('img', { name: /^2 arrivals of this event; gaps \+/ }).waitFor();

  await detail.getByRole('tab', { name: 'Forwarding' }).click();
  await detail.getByText('Chaos', { exact: true }).click();
  await detail.getByLabel('Side-effect probe URL').fill(`${base}/count`);
  await detail.getByRole('button', { name: '5 copies at once' }).click();
  const report = detail.getByRole('region', { name: 'Idempotency report' });
  await report.waitFor({ timeout: 15_000 }).catch(async (e: Error) => {
    throw new Error(`${e.message}\nChaos menu shows: ${await detail.locator('.chaos-menu').textContent()}`);
  });
  const verdict = await report.getByRole('status').textContent();
  assert.equal(verdict, 'Not idempotent: 5 copies → side effect applied 5 times: the handler is not idempotent on payload eventId');
  assert.equal(await report.getByRole('row').count(), 6, 'a header and one row per copy');
  await report.getByText('{"applied":5}').waitFor();
  await detail.getByRole('list', { name: 'Forwarding attempts' }).getByRole('article').nth(4).waitFor();
  assert.equal(applied, 5);
  assert.deepEqual(ui.problems, []);
});
