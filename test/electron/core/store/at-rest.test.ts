import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { delivery, openStore, tempDir, T0 } from './helpers';

const SECRET_BEARER = 'sk_live_HOOKSCOPE_BEARER_7f3a9c2e';
const SECRET_TOKEN = 'tok_HOOKSCOPE_HEADER_8b1d4e';
const SECRET_QUERY = 'qs_HOOKSCOPE_QUERY_5c2f7a';
const TRANSCRIPT = 'I would like to cancel my appointment on Tuesday';

const jsonBody = JSON.stringify({
  event: 'call.completed',
  timestamp: '2026-01-15T12:00:00Z',
  data: {
    callId: 'call_42',
    phoneNumber: '+1 (415) 555-0100',
    email: 'alice.smith@example.com',
    transcript: TRANSCRIPT,
    notes: 'customer asked to call back at 415-555-0199 or on +44 20 7946 0958; card 4242 4242 4242 4242',
    from: '14155550123',
    contact: { Email: 'Bob.Jones@Example.org', cardNumber: 4111111111111111 },
  },
});
const formBody = 'msisdn=447700900123&to=447700900000&text=Reach+me+on+%2B33+6+12+34+56+78+or+carol%40example.net&messageId=0A00000012345678';
const textBody = 'Voicemail from (212) 555-0142 for dave@example.io: please call 020 7946 0111';

/** every value that must never reach disk in plain text */
const NEEDLES = [
  SECRET_BEARER, SECRET_TOKEN, SECRET_QUERY,
  '415) 555-0100', '4155550100', '14155550100', '14155550123', '415-555-0199', '4155550199', '7946 0958', '442079460958',
  '447700900123', '33 6 12 34 56 78', '212) 555-0142', '2125550142', '7946 0111',
  'alice.smith', 'Bob.Jones', 'bob.jones', 'carol%40', 'carol@', 'dave@',
  '4242 4242 4242 4242', '4242424242424242', '4111111111111111',
  TRANSCRIPT, 'appointment', 'Voicemail from (212)',
];

function scan(dir: string): string[] {
  const hits: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'data.key') continue;
    const bytes = readFileSync(join(dir, name));
    for (const needle of NEEDLES) {
      if (bytes.includes(Buffer.from(needle, 'utf8'))) hits.push(`${name}: ${needle}`);
    }
  }
  return hits;
}

describe('nothing in plain text on disk', () => {
  test('secrets and personal data are only stored redacted or encrypted; reveal returns the exact bytes', async () => {
    const { dir, cleanup } = tempDir();
    try {
      // no HOOKSCOPE_DATA_KEY: the key file is created, and it is the one file the scan skips
      const store = openStore(dir, { env: {} });
      const first = delivery({
        body: jsonBody,
        target: `/hooks/blackbox?token=${SECRET_QUERY}`,
        headers: [
          ['Content-Type', 'application/json'],
          ['Authorization', `Bearer ${SECRET_BEARER}`],
          ['X-Auth-Token', SECRET_TOKEN],
          ['X-BlackBox-Signature', 'ab'.repeat(32)],
        ],
        idempotencyKey: 'evt_1',
        idempotencyExpiresAt: T0 + 86_400_000,
        forwardTarget: 'http://localhost:3000/webhooks',
      });
      const second = delivery({ body: formBody, sourceId: 'vonage-sms', headers: [['Content-Type', 'application/x-www-form-urlencoded']] });
      const third = delivery({ body: textBody, sourceId: null, status: 404, verdict: 'rejected', headers: [['Content-Type', 'text/plain']] });
      await Promise.all([store.add(first), store.add(second), store.add(third)]);
      // the dev server echoes the payload back: the attempt is redacted too
      store.recordAttempt(first.id, {
        id: 'att_1',
        at: new Date(T0 + 1000).toISOString(),
        target: `http://localhost:3000/webhooks?token=${SECRET_QUERY}`,
        mode: 'auto',
        status: 500,
        durationMs: 12,
        error: null,
        responseHeaders: [['Content-Type', 'application/json'], ['Set-Cookie', `s=${SECRET_TOKEN}`]],
        responseBody: jsonBody,
      }, { state: 'retrying', nextAttemptAt: T0 + 2000 });
      store.audit('config_changed', null, { note: 'contact alice.smith@example.com' });

      assert.deepEqual(scan(dir), [], 'while open (WAL)');

      const detail = store.get(first.id);
      assert.ok(detail);
      assert.match(detail.body, /"phoneNumber":"«phone …00»"/);
      assert.match(detail.body, /"email":"«email @example\.com»"/);
      assert.match(detail.body, /"transcript":"«redacted transcript»"/);
      assert.match(detail.body, /«card …4242»/);
      assert.match(detail.path, /token=«redacted»/);
      assert.deepEqual(detail.headers[1], ['Authorization', `Bearer «redacted (${SECRET_BEARER.length} chars)»`]);
      assert.equal(detail.rawAvailable, true);
      assert.equal(detail.attempts.length, 1);
      assert.ok(!detail.attempts[0].responseBody.includes('alice.smith'));

      const raw = store.revealRaw(first.id);
      assert.ok(raw);
      assert.equal(Buffer.compare(Buffer.from(raw), Buffer.from(jsonBody)), 0);
      assert.deepEqual(store.rawHeaders(first.id)?.[1], ['Authorization', `Bearer ${SECRET_BEARER}`]);
      const reveal = store.listAudit(10).find((e) => e.action === 'reveal');
      assert.deepEqual(reveal && { subject: reveal.subject, detail: reveal.detail }, { subject: first.id, detail: { bytes: jsonBody.length } });

      await store.close();
      assert.deepEqual(scan(dir), [], 'after close (checkpointed)');
    } finally {
      cleanup();
    }
  });
});
