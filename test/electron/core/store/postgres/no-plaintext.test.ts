/**
 * Nothing in PostgreSQL holds a secret or raw personal data: deliveries carrying known secrets and
 * personal values go through the core's own sealing (AES-256-GCM key ring) and redaction, then the
 * adapter; a dump of the database and every file of the server's data directory (tables and WAL) must
 * hold none of those values — but do hold the masks, so the check sees real content.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRedactor, extractBlindValues } from '../../../../../shared/redact';
import { createKeyRing } from '../../../../../electron/core/store/key-ring';
import { sealRaw } from '../../../../../electron/core/store/raw-envelope';
import type { JournalEntry } from '../../../../../electron/core/store/contract';
import { createPostgresAdapter, type PostgresAdapter } from '../../../../../electron/core/store/postgres/adapter';
import { startTestPostgres, type TestPostgres } from '../../../../helpers/postgres';
import { dumpDatabase } from '../../../../helpers/pg-dump';
import { filesUnder } from '../../../../helpers/files-under';

const WEBHOOK_SECRET = 'whsec_Pg7eamSecretValue0123456789';
const API_KEY = 'sk_live_51TeamWorkspaceKeyZZ9';
const AUTH_TOKEN = 'auth-token-for-the-team-4f1e';
const EMAIL = 'jane.roe@wonderland-mail.org';
const PHONE = '+14155550187';
const CARD = '4111111111111111';
const TRANSCRIPT = 'my mothers maiden name is Quetzalcoatl';
const SECRETS = [WEBHOOK_SECRET, API_KEY, AUTH_TOKEN, EMAIL, PHONE, CARD, TRANSCRIPT, 'Quetzalcoatl', '4155550187'];

let server: TestPostgres;
let adapter: PostgresAdapter;
let url: string;
before(async () => {
  server = await startTestPostgres();
  url = await server.createDatabase();
  adapter = await createPostgresAdapter({ url, clock: { now: () => Date.now() }, markDuplicate: (codes) => codes });
});
after(async () => {
  await adapter.close();
  await server.stop();
});

test('a dump of the team database and its data files hold no secret or raw personal value', async () => {
  const ring = createKeyRing(Buffer.alloc(32, 11));
  const redactor = createRedactor({ keys: ['phoneNumber', 'email', 'transcript'], detectors: ['email', 'phone', 'card'] });
  const entries: JournalEntry[] = [];
  const derived: Array<{ id: string; body: string; headers: string; path: string; blind: Uint8Array[] }> = [];
  for (let i = 0; i < 20; i++) {
    const id = `d_nopl_${i.toString().padStart(3, '0')}`;
    const body = JSON.stringify({ id: `evt_${i}`, type: 'call.completed', email: EMAIL, phoneNumber: PHONE, note: `card ${CARD}, call ${PHONE}`, transcript: TRANSCRIPT });
    const target = `/hooks/voice?token=${AUTH_TOKEN}`;
    const headers: Array<[string, string]> = [
      ['content-type', 'application/json'],
      ['authorization', `Bearer ${API_KEY}`],
      ['x-auth-token', AUTH_TOKEN],
      ['x-blackbox-signature', createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')],
      ['x-customer-email', EMAIL],
    ];
    entries.push({
      id, receivedAt: Date.now(), sourceId: 'voice', method: 'POST', verdict: 'verified', status: 200,
      codes: 'pok|sskipped|sskipped|pok|pok|pok|pok|pok', retention: 'kept', clientIp: '127.0.0.1',
      size: body.length, bodyTruncated: false,
      sealed: sealRaw(ring, id, target, headers, Buffer.from(body)),
      keyHash: ring.idempotency('voice', `evt_${i}`), keyExpiresAt: Date.now() + 86_400_000, duplicateOf: null,
      forwardTarget: 'http://127.0.0.1:3000/hooks',
    });
    derived.push({
      id,
      body: redactor.body(body, 'application/json'),
      headers: JSON.stringify(redactor.headers(headers)),
      path: redactor.target(target),
      blind: extractBlindValues(body).map((v) => ring.blind(v)),
    });
  }
  await adapter.journal.append(entries, { deadlineMs: 30_000 });
  const records = await adapter.journal.after(0, 100);
  await adapter.views.apply(
    records.map((r, i) => ({
      seq: r.seq, id: r.id, pathRedacted: derived[i].path, headersRedacted: derived[i].headers, bodyRedacted: derived[i].body,
      bodySha256: 'x', contentType: 'application/json', eventType: 'call.completed', idempotencyKey: redactor.text(`evt_${i}`),
      failed: [], blind: derived[i].blind,
    })),
    records[records.length - 1].seq,
  );
  // a forward attempt whose dev server echoed personal data back, and an audit entry that mentions some
  await adapter.outbox.record(
    {
      id: 'att_1', deliveryId: records[0].id, at: Date.now(), target: 'http://127.0.0.1:3000/hooks', mode: 'auto', status: 200, durationMs: 3, error: null,
      responseHeaders: redactor.headers([['set-cookie', `session=${API_KEY}`]]), responseBody: redactor.body(JSON.stringify({ echoed: EMAIL }), 'application/json'),
    },
    { state: 'delivered', status: 200, nextAttemptAt: null },
  );
  await adapter.audit.append({ at: Date.now(), action: 'erase_by_value', subject: null, detail: redactor.json(JSON.stringify({ value: EMAIL })) });
  // erasure still finds them through the blind index, without the value stored
  assert.equal((await adapter.views.idsByBlind([ring.blind(EMAIL.toLowerCase())])).length, 20);

  const dump = await dumpDatabase(url);
  assert.match(dump.text, /«email @wonderland-mail\.org»/, `the dump (${dump.how}) holds the redacted rows`);
  assert.match(dump.text, /call\.completed/);
  for (const value of SECRETS) assert.ok(!dump.text.includes(value), `${dump.how}: found a raw value (${value.slice(0, 4)}…)`);

  if (server.dataDir) {
    // what PostgreSQL wrote to disk: tables, indexes and the write-ahead log
    await adapter.pool.query('CHECKPOINT');
    const files = filesUnder(server.dataDir);
    let bytes = 0;
    let masks = 0;
    for (const file of files) {
      const content = readFileSync(file);
      bytes += content.length;
      if (content.includes('wonderland-mail.org')) masks++;
      for (const value of SECRETS) assert.ok(!content.includes(value), `${file}: holds a raw value (${value.slice(0, 4)}…)`);
    }
    assert.ok(masks > 0, `the data files (${files.length} files, ${bytes} bytes) hold the masked rows`);
  }
});
