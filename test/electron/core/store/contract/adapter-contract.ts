/**
 * The storage contract the core runs on (store/contract.ts StorageAdapter): one set of behaviours
 * both engines must show, through the same calls create-core.ts makes. Run per engine by
 * adapter-sqlite.test.ts and adapter-postgres.test.ts.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DeliverySummary } from '../../../../../shared/api';
import type { StorageAdapter } from '../../../../../electron/core/store/contract';
import { check, delivery, T0 } from '../helpers';

export interface AdapterHarness {
  /** a fresh, empty store (its own database); redaction detects e-mails and phone numbers */
  open(): Promise<StorageAdapter>;
}

const EMAIL = 'olive.tern@contract-mail.org';
const BODY = JSON.stringify({ event: 'order.paid', customer: { email: EMAIL }, amount: 42 });

export function describeAdapterContract(engine: string, harness: AdapterHarness): void {
  describe(`storage adapter contract: ${engine}`, () => {
    let store: StorageAdapter;
    beforeEach(async () => {
      store = await harness.open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('acknowledges after the commit; lists, shows (redacted) and returns the exact raw request', async () => {
      const announced: DeliverySummary[] = [];
      store.onCommitted((items) => announced.push(...items));
      const d = delivery({ body: BODY, eventType: 'order.paid', target: '/hooks/blackbox?sig=abc', headers: [['Content-Type', 'application/json'], ['X-Email', EMAIL]] });
      await store.add(d);
      await store.flush();
      assert.deepEqual(announced.map((i) => i.id), [d.id], 'listeners hear of the committed delivery');
      const page = await store.list({});
      assert.deepEqual(page.items.map((i) => i.id), [d.id]);
      assert.equal(page.total, 1);
      const detail = await store.get(d.id);
      assert.ok(detail);
      assert.ok(!detail.body.includes(EMAIL), 'the shown body is redacted');
      assert.ok(!JSON.stringify(detail.headers).includes(EMAIL), 'the shown headers are redacted');
      assert.equal(detail.rawAvailable, true);
      const raw = await store.rawRequest(d.id);
      assert.equal(Buffer.from(raw!.body).toString(), BODY, 'raw bytes are kept exactly');
      assert.equal(raw!.target, '/hooks/blackbox?sig=abc');
      assert.deepEqual(raw!.headers, d.headers);
      assert.equal((await store.summary(d.id))?.eventType, 'order.paid');
      assert.equal(await store.get('01NOPE00000000000000000000'), null);
    });

    it('knows registered idempotency keys at once and keeps a retry chain', async () => {
      const first = delivery({ idempotencyKey: 'evt_1', idempotencyExpiresAt: T0 + 3_600_000 });
      const added = store.add(first);
      assert.equal(store.lookupIdempotency('blackbox', 'evt_1', T0 + 1), first.id, 'known before the commit');
      await added;
      const again = delivery({ receivedAt: T0 + 5, duplicateOf: first.id, checks: [...delivery().checks, check('duplicate', 'warn', 'duplicate')] });
      await store.add(again);
      await store.flush();
      const chain = await store.retryChains([first.id]);
      assert.deepEqual(chain.map((m) => m.id), [first.id, again.id]);
      assert.equal(store.lookupIdempotency('blackbox', 'evt_2', T0 + 1), null);
    });

    it('filters and searches with the delivery query language, pages with cursors', async () => {
      for (let i = 0; i < 5; i++) {
        await store.add(delivery({ receivedAt: T0 + i, eventType: i % 2 ? 'invoice.paid' : 'charge.failed', body: JSON.stringify({ note: `number ${i}`, kind: i % 2 ? 'inv' : 'chg' }) }));
      }
      await store.add(delivery({ receivedAt: T0 + 9, verdict: 'rejected', status: 401, checks: [check('signature', 'fail', 'no_matching_signature')] }));
      await store.flush();
      const types = async (q: string) => (await store.list({ q, limit: 50 })).items.map((i) => i.eventType);
      assert.deepEqual(await types('type:invoice.*'), ['invoice.paid', 'invoice.paid']);
      assert.equal((await store.list({ q: 'fail:signature' })).items.length, 1);
      assert.equal((await store.list({ q: 'status:401' })).items.length, 1);
      assert.deepEqual(await types('body.kind:inv'), ['invoice.paid', 'invoice.paid']);
      assert.equal((await store.list({ q: 'number -type:invoice.*' })).items.length, 3, 'free text and negation');
      await assert.rejects(async () => store.list({ q: 'status:' }), (e: unknown) => (e as { code?: string }).code === 'invalid_argument');
      const first = await store.list({ limit: 4 });
      assert.equal(first.items.length, 4);
      assert.equal(first.total, 6);
      const second = await store.list({ limit: 4, before: first.next });
      assert.equal(second.items.length, 2);
      assert.equal(new Set([...first.items, ...second.items].map((i) => i.id)).size, 6, 'pages do not overlap');
      const timeline = await store.timeline({ q: 'type:charge.*' });
      assert.equal(timeline.total, 3);
      assert.deepEqual(await store.countsBySource(), { blackbox: { total: 6, verified: 5, rejected: 1 } });
    });

    it('queues a forward, hands it out, records the attempt with its sent request, redacted', async () => {
      const d = delivery({ forwardTarget: 'http://127.0.0.1:3000/hook' });
      await store.add(d);
      await store.flush();
      const due = await store.dueForwards(T0 + 1000, 10);
      assert.deepEqual(due.map((x) => x.deliveryId), [d.id]);
      const updated: string[] = [];
      store.onUpdated((item) => updated.push(`${item.id}:${item.forward?.state}`));
      await store.recordAttempt(
        d.id,
        { id: 'att_1', at: new Date(T0 + 1000).toISOString(), target: 'http://127.0.0.1:3000/hook', mode: 'auto', status: 200, durationMs: 5, error: null, responseHeaders: [['content-type', 'text/plain']], responseBody: `ok ${EMAIL}` },
        { state: 'delivered', nextAttemptAt: null },
        { method: 'POST', url: 'http://127.0.0.1:3000/hook?token=s3cr3t', headers: [['x-email', EMAIL]], body: Buffer.from(BODY) },
      );
      assert.deepEqual(updated, [`${d.id}:delivered`]);
      assert.deepEqual(await store.dueForwards(T0 + 2000, 10), [], 'delivered: not due again');
      const [attempt] = await store.attempts(d.id);
      assert.equal(attempt.status, 200);
      assert.ok(!attempt.responseBody.includes(EMAIL), 'the response is redacted');
      assert.ok(attempt.request, 'the sent request is kept');
      assert.ok(!attempt.request.url.includes('s3cr3t') && !JSON.stringify(attempt.request.headers).includes(EMAIL));
      assert.equal(attempt.request.bodySize, Buffer.byteLength(BODY));
      assert.equal((await store.summary(d.id))?.forward?.state, 'delivered');
    });

    it('writes an audit log (details redacted) and erases by value through the blind index', async () => {
      const mine = delivery({ body: BODY });
      const other = delivery({ receivedAt: T0 + 1 });
      await store.add(mine);
      await store.add(other);
      await store.audit('export', null, { count: 1, to: EMAIL });
      const [entry] = await store.listAudit(10);
      assert.equal(entry.action, 'export');
      assert.ok(!JSON.stringify(entry.detail).includes(EMAIL));
      assert.equal(await store.eraseByValue(EMAIL), 1);
      assert.deepEqual((await store.list({})).items.map((i) => i.id), [other.id]);
      assert.equal(await store.rawRequest(mine.id), null);
      assert.ok((await store.listAudit(10)).some((e) => e.action === 'erase'));
    });

    it('purges by retention in bounded steps; seals secrets it can open again', async () => {
      await store.add(delivery({ receivedAt: T0 }));
      await store.flush();
      const later = T0 + 400 * 86_400_000;
      let step = await store.purgeStep(later);
      let deleted = step.deliveries;
      while (!step.done) {
        step = await store.purgeStep(later);
        deleted += step.deliveries;
      }
      assert.equal(deleted, 1);
      assert.equal((await store.list({})).items.length, 0);
      const sealed = store.sealSecret('whsec_contract');
      assert.ok(!sealed.includes('whsec_contract'));
      assert.equal(store.openSecret(sealed), 'whsec_contract');
      assert.equal(store.fingerprint('x'), store.fingerprint('x'));
    });
  });
}
