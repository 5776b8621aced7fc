/**
 * docs/architecture.md "Reliability and security guarantees": after a run with known secrets and personal data, none of those values
 * appear in any file of the data directory (key file excepted) or in the log.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiCall, startChildServe } from '../../../helpers/child-serve';
import { filesUnder as files } from '../../../helpers/files-under';

const SECRET = 'signing-secret-Zq8xV2mK9pL4wR7tY1uE';
const AUTH = 'auth-token-Hn3bC6vF0jS5dG8kA2qW9eR4';
const UI_SECRET = 'pasted-in-settings-Tg7yH2uJ5kL8oP1iM4nB';
const PHONE = '+1 (415) 555-0100';
const PHONE_DIGITS = '14155550100';
const EMAIL = 'jane.doe@example.com';
const CARD = '4111 1111 1111 1111';
const CARD_DIGITS = '4111111111111111';
const TRANSCRIPT = 'my mother maiden name is Featherstonehaugh';

test('no secret or personal value reaches the data directory or the log in plain text', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-plain-'));
  const config = join(dir, 'hookscope.config.json');
  writeFileSync(config, JSON.stringify({ sources: [{ id: 'blackbox', provider: 'blackbox', secrets: ['env:BB'], authTokens: ['env:AUTH'], rateLimit: null }] }));
  const serve = await startChildServe(['--config', config, '--data-dir', dir], { BB: SECRET, AUTH });
  const bodies: string[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const body = JSON.stringify({
        event: 'CompletedWebHookPayload',
        eventId: randomUUID(),
        timestamp: new Date().toISOString(),
        data: { callId: randomUUID(), agentId: 'a1', phoneNumber: PHONE, customer: { contact: `reach me at ${EMAIL} or ${PHONE_DIGITS}` }, email: EMAIL, transcript: TRANSCRIPT, note: `card ${CARD}` },
      });
      bodies.push(body);
      const sig = createHmac('sha256', i === 4 ? 'wrong' : SECRET).update(body).digest('hex');
      const res = await fetch(`${serve.receiver}/hooks/blackbox?token=${AUTH}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-blackbox-signature': sig, 'x-auth-token': AUTH, authorization: `Bearer ${AUTH}` }, body });
      assert.equal(res.status, i === 4 ? 401 : 200);
    }
    await apiCall(serve.ui, 'addSecret', { sourceId: 'blackbox', value: UI_SECRET, label: 'pasted' });
    const page = await apiCall<{ items: Array<{ id: string }> }>(serve.ui, 'listDeliveries', { limit: 10 });
    const detail = await apiCall<{ body: string; headers: Array<[string, string]> }>(serve.ui, 'getDelivery', { id: page.items[0].id });
    assert.match(detail.body, /«/, 'the UI-facing body shows masks');
    for (const value of [PHONE, PHONE_DIGITS, EMAIL, CARD, CARD_DIGITS, TRANSCRIPT, AUTH]) {
      assert.ok(!JSON.stringify(detail).includes(value), `getDelivery does not show ${value}`);
    }
    const raw = await apiCall<{ body: string }>(serve.ui, 'revealRaw', { id: page.items[0].id });
    assert.equal(raw.body, bodies[4], 'revealRaw returns the exact original bytes');
    const search = await apiCall<{ items: unknown[] }>(serve.ui, 'listDeliveries', { q: 'Featherstonehaugh' });
    assert.equal(search.items.length, 0, 'full-text search runs over redacted text only');
  } finally {
    serve.child.kill('SIGTERM');
    await serve.exited;
  }
  try {
    const log = serve.stderr();
    const needles = [SECRET, AUTH, UI_SECRET, PHONE, PHONE_DIGITS, EMAIL, CARD, CARD_DIGITS, TRANSCRIPT];
    const hits: string[] = [];
    for (const file of files(dir)) {
      if (file.endsWith('data.key')) continue;
      const bytes = readFileSync(file);
      for (const n of needles) if (bytes.includes(Buffer.from(n))) hits.push(`${file}: ${n}`);
    }
    for (const n of needles) if (log.includes(n)) hits.push(`log: ${n}`);
    assert.deepEqual(hits, []);
    assert.ok(files(dir).some((f) => f.endsWith('hookscope.db')), 'the database was scanned');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
