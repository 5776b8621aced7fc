/**
 * Replay from the UI reaches a local dev server (the source's forward.url) and the dev server's answer
 * (status and body) is shown in Forwarding at once. Real server, real Chromium.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { settled } from './helpers/browser';
import { useUiSession } from './helpers/ui-session';
import { startDevServer, type DevServer } from './helpers/dev-server';
import { BB_SECRET, blackboxBody, postWebhook, sign } from './helpers/blackbox';

let dev: DevServer;
const DEV_ANSWER = 'hello from the dev server 7f3a';

// the dev server the source forwards to: started before Hookscope, closed after it
const ui = useUiSession(async () => {
  dev = await startDevServer({ status: 201, body: DEV_ANSWER });
  return {
    config: {
      sources: [{ id: 'blackbox', name: 'BlackBox dev', provider: 'blackbox', secrets: ['env:BB_SECRET'], forward: { url: dev.url, auto: false } }],
    },
    env: { BB_SECRET },
  };
});
after(async () => {
  await dev?.close();
});

test('Replay original sends the exact bytes to the dev server and shows its answer', async () => {
  const body = blackboxBody({ eventId: 'evt_replay_1', contact: 'ada.lovelace@example.com' });
  const signature = sign(BB_SECRET, body);
  assert.equal((await postWebhook(`${ui.server.receiverUrl}/hooks/blackbox`, body, signature)).status, 200);

  const row = ui.page.getByRole('row').filter({ hasText: 'CompletedWebHookPayload' }).first();
  await row.click();
  const detail = ui.page.getByRole('region', { name: 'Delivery detail' });
  await detail.getByRole('tab', { name: 'Forwarding' }).click();
  await detail.getByText(`Empty: the source's forward URL (${dev.url}).`).waitFor();

  const seen = dev.requests.length;
  await detail.getByRole('button', { name: 'Replay original' }).click();
  const received = await dev.nextRequest(seen);
  assert.equal(received.body, body, 'the original raw bytes reach the dev server');
  assert.equal(received.headers['x-blackbox-signature'], signature, 'with the original signature');

  const attempts = detail.getByRole('list', { name: 'Forwarding attempts' });
  const attempt = attempts.getByRole('article').filter({ hasText: 'replay (original)' }).first();
  await attempt.getByText('201', { exact: true }).waitFor();
  await attempt.getByLabel('Response body').getByText(DEV_ANSWER).waitFor();
  await attempt.getByText(dev.url).first().waitFor();
  assert.deepEqual(ui.problems, []);
});

test('r replays the selected delivery; Replay re-signed sends a fresh, valid signature', async () => {
  const seen = dev.requests.length;
  await ui.page.getByRole('row', { selected: true }).waitFor();
  await ui.page.locator('body').press('r');
  await dev.nextRequest(seen);
  const detail = ui.page.getByRole('region', { name: 'Delivery detail' });
  await detail.getByRole('list', { name: 'Forwarding attempts' }).getByRole('article').nth(1).waitFor();

  const before = dev.requests.length;
  await detail.getByRole('button', { name: 'Replay re-signed' }).click();
  const resigned = await dev.nextRequest(before);
  assert.equal(resigned.headers['x-blackbox-signature'], sign(BB_SECRET, resigned.body), 'the re-signed request verifies with the source secret');
  await detail.getByRole('article').filter({ hasText: 'replay (re-signed)' }).first().getByText(DEV_ANSWER).waitFor();
});

test('Edit & re-sign opens on the raw bytes, checks JSON as you type, shows the diff, and sends the edit byte for byte', async () => {
  const detail = ui.page.getByRole('region', { name: 'Delivery detail' });
  await detail.getByRole('button', { name: 'Edit & re-sign' }).click();
  const editor = detail.getByLabel('Body to re-sign');
  await editor.waitFor();
  // the raw body, not the redacted one: its phone number is there in full
  // the raw body arrives after the (audited) reveal: wait for it, bounded
  let opened = '';
  for (let i = 0; i < 200 && !opened.includes('evt_replay_1'); i += 1) {
    opened = await editor.inputValue();
    if (!opened.includes('evt_replay_1')) await new Promise((r) => setTimeout(r, 25));
  }
  assert.ok(opened.includes('ada.lovelace@example.com') && !opened.includes('«'), 'the raw body, no redaction masks');

  await editor.fill('{\n  "event": "CompletedWebHookPayload",\n  "eventId": oops\n}');
  await detail.getByRole('alert').getByText(/line 3, column 14/).waitFor();
  const send = detail.getByRole('button', { name: 'Send edited body, re-signed' });
  assert.equal(await send.isDisabled(), true, 'invalid JSON needs a deliberate confirmation');
  await detail.getByLabel(/Send this invalid JSON anyway/).check();
  assert.equal(await send.isDisabled(), false);

  const edited = JSON.stringify({ event: 'CompletedWebHookPayload', timestamp: new Date().toISOString(), eventId: 'evt_edited', data: { edited: true, note: 'Zoë ✓' } });
  await editor.fill(edited);
  await detail.getByText('Valid JSON.').waitFor();
  await detail.getByLabel('Changes against the original body').getByText(/evt_edited/).waitFor();
  const resignedAttempts = detail.getByRole('article').filter({ hasText: 'replay (re-signed)' });
  const attemptsBefore = await resignedAttempts.count();
  const before = dev.requests.length;
  await send.click();
  const got = await dev.nextRequest(before);
  assert.equal(got.body, edited.replace(/"timestamp":"[^"]*"/, `"timestamp":${JSON.stringify(JSON.parse(got.body).timestamp)}`), 'byte for byte, only the scheme\'s timestamp refreshed');
  assert.equal(got.headers['x-blackbox-signature'], sign(BB_SECRET, got.body));

  // the attempt shows the request it sent: wait until it is listed, or .first() could still be the
  // previous test's re-signed attempt (newest first)
  assert.equal(await settled(() => resignedAttempts.count(), (n) => n > attemptsBefore, 10_000), attemptsBefore + 1, 'the edited attempt is listed');
  const attempt = resignedAttempts.first();
  await attempt.getByText(/Request sent:/).click();
  await attempt.getByRole('table', { name: 'Headers sent' }).getByText('X-Hookscope-Replay').waitFor();
  const changes = attempt.getByRole('region', { name: 'Changes against the captured request' });
  await changes.getByRole('listitem').filter({ hasText: 'body.eventId' }).waitFor();
  assert.deepEqual(ui.problems, []);
});

test('latency per attempt; Compare diffs the edited replay against the captured request and two responses; the palette opens Compare', async () => {
  const page = ui.page;
  const detail = page.getByRole('region', { name: 'Delivery detail' });
  await detail.getByRole('tab', { name: 'Forwarding' }).click();
  const attempts = detail.getByRole('list', { name: 'Forwarding attempts' }).getByRole('article');
  const count = await attempts.count();
  assert.ok(count >= 3, `three replays so far (${count})`);
  for (let i = 0; i < count; i++) {
    // each attempt's own duration, and when the dev server's headers came
    assert.match(await attempts.nth(i).locator('.attempt-latency').innerText(), /latency \d[\d,]* ms · headers after \d[\d,]* ms, body \d[\d,]* ms/);
  }
  await detail.getByText(/^Latency: \d+ answered: fastest \d+ ms, median \d+ ms, slowest \d+ ms\.$/).waitFor();

  await detail.getByRole('tab', { name: 'Compare' }).click();
  await detail.getByRole('radio', { name: 'A sent request with the captured one' }).check();
  const sent = detail.getByRole('region', { name: 'Differences between the captured and the sent request' });
  const paths = sent.getByRole('list', { name: 'Changed paths' });
  // the newest sent request is the edited one: its changed and added paths are listed with before/after
  const eventId = paths.getByRole('listitem').filter({ hasText: 'body.eventId' });
  await eventId.waitFor();
  assert.match(await eventId.innerText(), /changed[\s\S]*"evt_replay_1"[\s\S]*"evt_edited"/i);
  await paths.getByRole('listitem').filter({ hasText: 'body.data.edited' }).filter({ hasText: /added/i }).waitFor();
  await paths.getByRole('listitem').filter({ hasText: 'header.x-blackbox-signature' }).waitFor();
  // an earlier attempt replayed the original bytes: its body is the captured one
  const select = detail.getByLabel('Request sent by');
  const original = (await select.locator('option').allInnerTexts()).find((o) => o.startsWith('replay (original)'))!;
  await select.selectOption({ label: original });
  await sent.getByText(/changed path/).waitFor();
  assert.equal(await paths.getByRole('listitem').filter({ hasText: /^\s*\S+\s+body\./ }).count(), 0, 'the original replay sent the captured body');

  await detail.getByRole('radio', { name: 'Two responses of the dev server' }).check();
  const responses = detail.getByRole('region', { name: 'Differences between the two responses' });
  await responses.getByRole('listitem').filter({ hasText: 'header.x-request-count' }).waitFor();

  // the palette: Compare in the sent-request mode from anywhere
  await detail.getByRole('tab', { name: 'Checks' }).click();
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox').fill('compare sent');
  await palette.getByRole('option', { name: /Compare the request last sent/ }).waitFor();
  await page.keyboard.press('Enter');
  await detail.getByRole('tab', { name: 'Compare', selected: true }).waitFor();
  await detail.getByRole('region', { name: 'Differences between the captured and the sent request' }).waitFor();
  assert.match(decodeURIComponent(page.url()), /\/compare/, 'the tab is in the URL');
  assert.deepEqual(ui.problems, []);
  await detail.getByRole('tab', { name: 'Forwarding' }).click();
});

test('a non-loopback target is refused with a clear message', async () => {
  const detail = ui.page.getByRole('region', { name: 'Delivery detail' });
  await detail.getByLabel('Replay target').fill('http://example.com/hook');
  await detail.getByRole('button', { name: 'Replay original' }).click();
  const alert = detail.getByRole('alert');
  await alert.waitFor();
  assert.ok((await alert.innerText()).length > 10);
});
