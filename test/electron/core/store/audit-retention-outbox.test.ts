import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createRetentionScheduler } from '../../../../electron/core/store';
import { defaultConfig } from '../../../../shared/config';
import type { Attempt } from '../../../../shared/api';
import { delivery, fixedClock, openStore, tempDir, T0 } from './helpers';

const DAY = 86_400_000;

function attempt(id: string, at: number, status: number | null, extra: Partial<Attempt> = {}): Attempt {
  return { id, at: new Date(at).toISOString(), target: 'http://localhost:3000/hook', mode: 'auto', status, durationMs: 5, error: null, responseHeaders: [], responseBody: '', request: null, ...extra };
}

describe('audit log', () => {
  test('entries are appended, listed newest first, and cannot be changed or deleted', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const clock = fixedClock();
      const store = openStore(dir, { clock });
      store.audit('config_changed', null, { fields: ['retention'] });
      clock.advance(1000);
      store.audit('secret_added', 'stripe', { fingerprint: 'ab12cd34', email: 'ops@example.com' });
      const entries = store.listAudit(10);
      assert.deepEqual(entries.map((e) => [e.id, e.action, e.subject, e.at]), [
        [2, 'secret_added', 'stripe', new Date(T0 + 1000).toISOString()],
        [1, 'config_changed', null, new Date(T0).toISOString()],
      ]);
      assert.deepEqual(entries[0].detail, { fingerprint: 'ab12cd34', email: '«email @example.com»' });
      await store.close();

      const db = new Database(join(dir, 'hookscope.db'));
      assert.throws(() => db.prepare("UPDATE audit SET action = 'x'").run(), /append-only/);
      assert.throws(() => db.prepare('DELETE FROM audit').run(), /append-only/);
      assert.equal((db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n, 2);
      db.close();
    } finally {
      cleanup();
    }
  });
});

describe('retention', () => {
  test('raw bodies, then deliveries, then idempotency keys expire on schedule', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      const old = delivery({ receivedAt: T0 - 31 * DAY });
      const week = delivery({ receivedAt: T0 - 8 * DAY });
      const waiting = delivery({ receivedAt: T0 - 8 * DAY, forwardTarget: 'http://localhost:3000/' });
      const fresh = delivery({ receivedAt: T0 - DAY, idempotencyKey: 'k', idempotencyExpiresAt: T0 - DAY + DAY });
      await Promise.all([old, week, waiting, fresh].map((d) => store.add(d)));
      store.recordAttempt(old.id, attempt('a-old', T0 - 31 * DAY, 200));

      const result = store.purgeExpired(T0);
      assert.deepEqual(result, { deliveries: 1, rawBodies: 1, keys: 1 });
      assert.equal(store.get(old.id), null);
      assert.equal(store.get(week.id)?.rawAvailable, false);
      assert.equal(store.rawBody(week.id), null);
      assert.equal(store.rawHeaders(week.id), null);
      assert.equal(store.revealRaw(week.id), null);
      assert.equal(store.get(waiting.id)?.rawAvailable, true, 'still in the outbox');
      assert.equal(store.get(fresh.id)?.rawAvailable, true);
      assert.equal(store.lookupIdempotency('blackbox', 'k', T0 - 1), null);

      // rules edited at runtime
      store.updateConfig({ ...defaultConfig(), retention: { rawBodyDays: 0, eventDays: 2, idempotencyHours: 24 } });
      assert.deepEqual(store.purgeExpired(T0), { deliveries: 2, rawBodies: 1, keys: 0 });
      await store.close();
    } finally {
      cleanup();
    }
  });

  test('the scheduler purges at start in bounded steps, and stops cleanly', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const clock = fixedClock();
      const store = openStore(dir, { clock });
      // more than one step's worth, so the scheduler has to come back to it
      await Promise.all(Array.from({ length: 600 }, (_, i) => store.add(delivery({ receivedAt: T0 - 40 * DAY + i }))));
      await store.add(delivery({ receivedAt: T0 }));
      const purged = new Promise<unknown>((resolve) => {
        const scheduler = createRetentionScheduler(store, clock, {
          onPurged: (r) => {
            scheduler.stop();
            resolve(r);
          },
        });
      });
      assert.deepEqual(await purged, { deliveries: 600, rawBodies: 0, keys: 0 });
      assert.equal(store.list({ limit: 500 }).items.length, 1);
      await store.close();
    } finally {
      cleanup();
    }
  });
});

describe('forwarding outbox', () => {
  test('due forwards oldest first; attempts recorded, redacted and reflected in the summary', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      const a = delivery({ receivedAt: T0, forwardTarget: 'http://localhost:3000/a' });
      const b = delivery({ receivedAt: T0 + 10, forwardTarget: 'http://localhost:3000/b' });
      const c = delivery({ receivedAt: T0 + 20 });
      await Promise.all([a, b, c].map((d) => store.add(d)));
      // the outbox reads derived rows (the relay is kicked when a derived batch holds forwards)
      await store.flush();
      assert.deepEqual(store.dueForwards(T0 + 10, 10).map((f) => f.deliveryId), [a.id, b.id]);
      assert.deepEqual(store.dueForwards(T0 + 5, 10).map((f) => f.deliveryId), [a.id]);

      const updates: string[] = [];
      store.onUpdated((s) => updates.push(`${s.id}:${s.forward?.state}:${s.forward?.status}`));
      store.recordAttempt(a.id, attempt('a1', T0 + 100, null, { error: 'connect ECONNREFUSED 127.0.0.1:3000' }), { state: 'retrying', nextAttemptAt: T0 + 1100 });
      assert.deepEqual(store.dueForwards(T0 + 1000, 10).map((f) => f.deliveryId), [b.id]);
      const due = store.dueForwards(T0 + 1100, 10);
      assert.deepEqual(due.map((f) => [f.deliveryId, f.attempts, f.firstAttemptAt]), [[b.id, 0, null], [a.id, 1, T0 + 100]]);

      const body = '{"received":{"email":"a@b.io"}}' + 'x'.repeat(70 * 1024);
      store.recordAttempt(a.id, attempt('a2', T0 + 1200, 200, {
        responseHeaders: [['Content-Type', 'application/json'], ['Set-Cookie', 'sid=secret']],
        responseBody: body,
        target: 'http://localhost:3000/a?token=abc',
      }), { state: 'delivered', nextAttemptAt: null });
      assert.deepEqual(store.dueForwards(T0 + 5000, 10).map((f) => f.deliveryId), [b.id]);
      assert.deepEqual(updates, [`${a.id}:retrying:null`, `${a.id}:delivered:200`]);

      const attempts = store.attempts(a.id);
      assert.deepEqual(attempts.map((x) => [x.id, x.status, x.error]), [['a1', null, 'connect ECONNREFUSED 127.0.0.1:3000'], ['a2', 200, null]]);
      assert.deepEqual(attempts[1].responseHeaders, [['Content-Type', 'application/json'], ['Set-Cookie', '«redacted (10 chars)»']]);
      assert.equal(attempts[1].target, 'http://localhost:3000/a?token=«redacted»');
      assert.ok(attempts[1].responseBody.startsWith('{"received":{"email":"«email @b.io»"}}'));
      assert.equal(Buffer.byteLength(attempts[1].responseBody), 64 * 1024);
      assert.deepEqual(store.get(a.id)?.attempts.map((x) => x.id), ['a1', 'a2']);
      assert.deepEqual(store.summary(a.id)?.forward, { state: 'delivered', status: 200 });

      // a replay without a delivery row, and one that leaves the outbox alone
      store.recordAttempt(null, attempt('r1', T0, 204, { mode: 'original' }));
      store.recordAttempt(c.id, attempt('r2', T0, 204, { mode: 'resign' }));
      assert.equal(store.summary(c.id)?.forward, null);
      assert.deepEqual(store.attempts(c.id).map((x) => x.mode), ['resign']);

      // the delivery was erased while its attempt was in flight: nothing is kept, nothing throws
      store.recordAttempt('01ERASED00000000000000000X', attempt('gone', T0, 200), { state: 'delivered', nextAttemptAt: null });
      assert.deepEqual(store.attempts('01ERASED00000000000000000X'), []);

      // raw bytes for the forwarder, with no audit entry
      assert.equal(Buffer.from(store.rawBody(b.id) ?? []).toString(), Buffer.from(b.rawBody).toString());
      assert.deepEqual(store.rawHeaders(b.id), b.headers);
      assert.equal(store.listAudit(10).length, 0);
      await store.close();
    } finally {
      cleanup();
    }
  });
});
