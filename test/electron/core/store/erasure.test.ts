import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { HookscopeError } from '../../../../shared/result';
import { delivery, openStore, tempDir, T0 } from './helpers';

const DAY = 86_400_000;

describe('eraseByValue', () => {
  test('removes every delivery holding the number in any format, with its rows; the audit never names the value', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      const holders = [
        delivery({ body: '{"data":{"phoneNumber":"+1 (415) 555-0100"}}', idempotencyKey: 'evt_a', idempotencyExpiresAt: T0 + DAY, forwardTarget: 'http://localhost:3000/' }),
        delivery({ body: '{"from":"14155550100","text":"hi"}' }),
        delivery({ body: 'msisdn=14155550100&text=hello', headers: [['Content-Type', 'application/x-www-form-urlencoded']] }),
        delivery({ body: 'call me: 415.555.0100', headers: [['Content-Type', 'text/plain']] }),
        delivery({ body: '{}', target: '/hooks/vonage-sms?msisdn=14155550100' }),
      ];
      const others = [
        delivery({ body: '{"data":{"phoneNumber":"+1 (415) 555-0199"}}' }),
        delivery({ body: '{"event":"call.completed","email":"x@example.com"}' }),
      ];
      await Promise.all([...holders, ...others].map((d) => store.add(d)));
      store.recordAttempt(holders[0].id, {
        id: 'att_1', at: new Date(T0).toISOString(), target: 'http://localhost:3000/', mode: 'auto', status: 200,
        durationMs: 3, error: null, responseHeaders: [], responseBody: 'ok',
      }, { state: 'delivered', nextAttemptAt: null });
      assert.equal(store.countsBySource().blackbox.total, 7);

      const deleted = await store.eraseByValue('+1 (415) 555-0100');
      assert.equal(deleted, holders.length);
      for (const d of holders) assert.equal(store.get(d.id), null);
      for (const d of others) assert.ok(store.get(d.id));
      assert.equal(store.lookupIdempotency('blackbox', 'evt_a', T0), null);
      assert.deepEqual(store.list({ q: 'phone' }).items.map((i) => i.id), [others[0].id]);
      assert.equal(store.countsBySource().blackbox.total, 2);

      const entry = store.listAudit(1)[0];
      assert.equal(entry.action, 'erase');
      assert.equal(entry.detail.deleted, holders.length);
      assert.equal(entry.detail.valueKind, 'phone');
      assert.match(String(entry.detail.fingerprint), /^[0-9a-f]{8}$/);
      assert.ok(!/415|555|0100/.test(JSON.stringify(entry)), JSON.stringify(entry));

      await store.close();
      const db = new Database(join(dir, 'hookscope.db'), { readonly: true });
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      assert.equal(count('SELECT COUNT(*) AS n FROM attempts'), 0);
      assert.equal(count('SELECT COUNT(*) AS n FROM duplicate_keys'), 0);
      assert.equal(count(`SELECT COUNT(*) AS n FROM blind_index WHERE delivery_seq NOT IN (SELECT seq FROM deliveries)`), 0);
      assert.equal(count(`SELECT COUNT(*) AS n FROM delivery_failures WHERE delivery_seq NOT IN (SELECT seq FROM deliveries)`), 0);
      assert.equal(count('SELECT COUNT(*) AS n FROM deliveries'), others.length);
      db.close();
      // the erased deliveries' ids are gone from every file (secure_delete, WAL truncated)
      for (const name of readdirSync(dir)) {
        const bytes = readFileSync(join(dir, name));
        for (const d of holders) assert.ok(!bytes.includes(Buffer.from(d.id)), `${name} still holds ${d.id}`);
      }
    } finally {
      cleanup();
    }
  });

  test('other formats of the value and e-mail addresses', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      const a = delivery({ body: '{"email":"Alice@Example.com"}' });
      const b = delivery({ body: 'email=alice%40example.com', headers: [['Content-Type', 'application/x-www-form-urlencoded']] });
      const c = delivery({ body: '{"to":"+442079460958"}' });
      const d = delivery({ body: 'ring 020 7946 0958', headers: [['Content-Type', 'text/plain']] });
      await Promise.all([a, b, c, d].map((x) => store.add(x)));
      assert.equal(await store.eraseByValue('ALICE@example.com'), 2);
      assert.equal(await store.eraseByValue('+44 20 7946 0958'), 2);
      assert.equal(await store.eraseByValue('nobody@example.com'), 0);
      assert.equal(store.list({}).items.length, 0);
      assert.deepEqual(store.listAudit(10).map((e) => [e.action, e.detail.deleted, e.detail.valueKind]), [
        ['erase', 0, 'email'], ['erase', 2, 'phone'], ['erase', 2, 'email'],
      ]);
      await store.close();
    } finally {
      cleanup();
    }
  });

  test('a huge body: the redacted copy keeps only its start, erasure still finds a value near the end', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      const big = JSON.stringify({ transcript: 'words '.repeat(200_000), filler: 'x'.repeat(1_200_000), contact: { email: 'late@example.com' } });
      const d = delivery({ body: big });
      await store.add(d);
      const detail = store.get(d.id);
      assert.ok(detail);
      assert.ok(detail.body.length < big.length);
      // cut inside the transcript's value: still masked whole
      assert.ok(detail.body.startsWith('{"transcript":"«redacted transcript»"'));
      assert.ok(!detail.body.includes('words'));
      assert.match(detail.body, /more characters not kept in the redacted copy»$/);
      assert.ok(!detail.body.includes('late@'));
      assert.equal(Buffer.from(store.rawBody(d.id) ?? []).length, big.length);
      assert.equal(await store.eraseByValue('late@example.com'), 1);
      await store.close();
    } finally {
      cleanup();
    }
  });

  test('erases deliveries still being appended to the journal; refuses values that are neither', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      const pending = store.add(delivery({ body: '{"phoneNumber":"4155550100"}' }));
      assert.equal(await store.eraseByValue('14155550100'), 1);
      await pending;
      await assert.rejects(store.eraseByValue('hello'), (e: unknown) => e instanceof HookscopeError && e.code === 'invalid_argument' && e.message.startsWith('value:'));
      await store.close();
    } finally {
      cleanup();
    }
  });
});
