import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { delivery, openStore, tempDir, T0 } from './helpers';

const DAY = 86_400_000;
const attempt = (id: string, at: number) => ({
  id,
  at: new Date(at).toISOString(),
  target: 'http://localhost:3000/hook',
  mode: 'resign' as const,
  status: 200,
  durationMs: 5,
  error: null,
  responseHeaders: [],
  responseBody: '',
});

describe('attempts keep the request they sent', () => {
  test('shown redacted with the exact body hash; the exact bytes are only in the database, encrypted; retention drops them with the raw body', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      const d = delivery({ receivedAt: T0 - 8 * DAY });
      await store.add(d);
      const body = new TextEncoder().encode('{"email":"jane.doe@example.com","n":1}');
      const sent = {
        method: 'POST',
        url: 'http://localhost:3000/hook?token=abcdef123456',
        headers: [['Host', 'localhost:3000'], ['Authorization', 'Bearer very-secret-token-value'], ['Content-Type', 'application/json']] as Array<[string, string]>,
        body,
      };
      store.recordAttempt(d.id, attempt('a1', T0), undefined, sent);
      store.recordAttempt(d.id, { ...attempt('a2', T0 + 1), mode: 'auto' }, undefined, null);

      const [a1, a2] = store.attempts(d.id);
      assert.ok(a1.request);
      assert.equal(a1.request.method, 'POST');
      assert.equal(a1.request.bodySha256, createHash('sha256').update(body).digest('hex'));
      assert.equal(a1.request.bodySize, body.byteLength);
      assert.ok(!a1.request.body.includes('jane.doe'), 'the body is redacted for display');
      assert.ok(!JSON.stringify(a1.request.headers).includes('very-secret-token-value'), 'the headers are redacted for display');
      assert.ok(!a1.request.url.includes('abcdef123456'), 'the URL is redacted for display');
      assert.equal(a2.request, null, 'no request was sent');
      await store.close();

      const db = new Database(join(dir, 'hookscope.db'), { readonly: true });
      const row = db.prepare('SELECT request_enc FROM attempts WHERE id = ?').get('a1') as { request_enc: Buffer };
      assert.ok(row.request_enc.length > body.length);
      assert.ok(!row.request_enc.includes(Buffer.from('jane.doe')), 'sealed, not plain');
      db.close();

      const again = openStore(dir);
      again.purgeExpired(T0);
      assert.equal(again.get(d.id)?.rawAvailable, false);
      assert.ok(again.attempts(d.id)[0].request, 'the redacted view stays');
      await again.close();
      const after = new Database(join(dir, 'hookscope.db'), { readonly: true });
      assert.equal((after.prepare('SELECT request_enc FROM attempts WHERE id = ?').get('a1') as { request_enc: Buffer | null }).request_enc, null);
      after.close();
    } finally {
      cleanup();
    }
  });

  test('each attempt keeps its timing: total duration and time to the response headers (null when none came)', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      const d = delivery();
      await store.add(d);
      store.recordAttempt(d.id, { ...attempt('t1', T0), durationMs: 412, headersMs: 37 }, undefined, null);
      store.recordAttempt(d.id, { ...attempt('t2', T0 + 1), status: null, durationMs: 5000, headersMs: null, error: 'timed out' }, undefined, null);
      await store.close();
      const again = openStore(dir);
      const [t1, t2] = again.attempts(d.id);
      assert.deepEqual([t1.durationMs, t1.headersMs], [412, 37]);
      assert.deepEqual([t2.durationMs, t2.headersMs], [5000, null]);
      assert.equal(again.get(d.id)?.attempts[0].headersMs, 37, 'the detail carries it too');
      await again.close();
    } finally {
      cleanup();
    }
  });
});
