/**
 * The storage contract suite (store/contract.ts): one set of behaviours every adapter must show.
 * Run per engine by a small test file that says how to open a fresh adapter (contract-*.test.ts).
 */
import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { JournalEntry, StorageEngine } from '../../../../../electron/core/store/contract';
import { parseQuery } from '../../../../../shared/query';

export interface ContractHarness {
  /** a fresh, empty adapter (its own database) */
  open(): Promise<StorageEngine>;
}

let counter = 0;
export function entry(overrides: Partial<JournalEntry> = {}): JournalEntry {
  counter++;
  const id = overrides.id ?? `d_${Date.now().toString(36)}_${counter.toString().padStart(6, '0')}`;
  return {
    id,
    receivedAt: 1_700_000_000_000 + counter,
    sourceId: 'stripe',
    method: 'POST',
    verdict: 'verified',
    status: 200,
    codes: 'wplain_http|sskipped|pok|sskipped|pok|pok|pok|pok',
    retention: 'kept',
    clientIp: '127.0.0.1',
    size: 12,
    bodyTruncated: false,
    sealed: new Uint8Array([1, 2, 3, counter % 256, 0, 255]),
    keyHash: null,
    keyExpiresAt: null,
    duplicateOf: null,
    forwardTarget: null,
    ...overrides,
  };
}

function derivedFor(e: JournalEntry & { seq: number }, overrides: { body?: string; eventType?: string | null; failed?: string[]; blind?: Uint8Array[] } = {}) {
  return {
    seq: e.seq,
    id: e.id,
    pathRedacted: `/hooks/${e.sourceId ?? 'nowhere'}`,
    headersRedacted: '[["content-type","application/json"]]',
    bodyRedacted: overrides.body ?? '{"type":"payment_intent.succeeded"}',
    bodySha256: 'ab'.repeat(32),
    contentType: 'application/json',
    eventType: overrides.eventType === undefined ? 'payment_intent.succeeded' : overrides.eventType,
    idempotencyKey: null,
    failed: (overrides.failed ?? []) as never,
    blind: overrides.blind ?? [],
  };
}

const DEADLINE = { deadlineMs: 30_000 };

export function describeStorageContract(engine: string, harness: ContractHarness): void {
  describe(`storage contract: ${engine}`, () => {
    let store: StorageEngine;
    beforeEach(async () => {
      store = await harness.open();
    });
    afterEach(async () => {
      await store.close();
    });

    async function appendAndRead(entries: JournalEntry[]) {
      await store.journal.append(entries, DEADLINE);
      const records = await store.journal.after(0, 10_000);
      return records.filter((r) => entries.some((e) => e.id === r.id));
    }

    it('appends in one batch and reads back in seq order, sealed bytes intact', async () => {
      const batch = [entry(), entry({ sourceId: null, status: 404, verdict: 'rejected', retention: 'junk' }), entry()];
      const records = await appendAndRead(batch);
      assert.deepEqual(records.map((r) => r.id), batch.map((e) => e.id));
      for (let i = 1; i < records.length; i++) assert.ok(records[i].seq > records[i - 1].seq, 'seq strictly increases');
      assert.deepEqual([...records[0].sealed], [...batch[0].sealed]);
      assert.equal(records[0].bodyKept, true);
      assert.equal(records[1].sourceId, null);
      const one = await store.journal.get(batch[2].id);
      assert.equal(one?.codes, batch[2].codes);
      assert.equal(await store.journal.get('d_missing'), null);
      const later = await store.journal.after(records[1].seq, 10);
      assert.deepEqual(later.map((r) => r.id), [batch[2].id]);
    });

    it('counts every request per source, unmatched under "unmatched"', async () => {
      await store.journal.append([entry(), entry({ verdict: 'rejected', status: 401 }), entry({ sourceId: null, verdict: 'rejected', status: 404, retention: 'junk' })], DEADLINE);
      const counts = await store.journal.counts();
      assert.deepEqual(counts.stripe, { total: 2, verified: 1, rejected: 1 });
      assert.deepEqual(counts.unmatched, { total: 1, verified: 0, rejected: 1 });
    });

    it('registers idempotency keys until they expire; an expired one is taken over', async () => {
      const first = entry({ keyHash: 'k1', keyExpiresAt: 1_800_000_000_000 });
      const old = entry({ keyHash: 'k2', keyExpiresAt: 1_000 });
      await store.journal.append([first, old], DEADLINE);
      const live = await store.journal.duplicateKeys(1_700_000_000_000);
      assert.deepEqual(live.map((k) => [k.sourceId, k.keyHash, k.deliveryId]), [['stripe', 'k1', first.id]]);
      const again = entry({ keyHash: 'k2', keyExpiresAt: 1_800_000_000_000 });
      await store.journal.append([again], DEADLINE);
      const keys = await store.journal.duplicateKeys(1_700_000_000_000);
      assert.equal(keys.find((k) => k.keyHash === 'k2')?.deliveryId, again.id);
    });

    it('lists newest first with pending rows until derived; apply moves the watermark', async () => {
      const [a, b] = await appendAndRead([entry(), entry()]);
      const pending = await store.views.list({ limit: 10 });
      assert.deepEqual(pending.map((x) => x.record.id), [b.id, a.id]);
      assert.ok(pending.every((x) => x.row === null), 'not derived yet: flagged pending');
      await store.views.apply([derivedFor(a)], a.seq);
      assert.equal(await store.views.watermark(), a.seq);
      const listed = await store.views.list({ limit: 10 });
      assert.equal(listed.find((x) => x.record.id === a.id)?.row?.eventType, 'payment_intent.succeeded');
      assert.equal(listed.find((x) => x.record.id === b.id)?.row, null);
      // applying the same rows again changes nothing
      await store.views.apply([derivedFor(a)], a.seq);
      assert.equal(await store.views.watermark(), a.seq);
      const got = await store.views.get(a.id);
      assert.equal(got?.row?.bodyRedacted, '{"type":"payment_intent.succeeded"}');
      assert.equal(await store.views.get('d_missing'), null);
    });

    it('filters by source, verdict, failed check, event type and pages by seq', async () => {
      const records = await appendAndRead([
        entry({ sourceId: 'github' }),
        entry({ verdict: 'rejected', status: 401 }),
        entry(),
        entry({ sourceId: null, verdict: 'rejected', status: 404 }),
      ]);
      await store.views.apply(
        [
          derivedFor(records[0], { eventType: 'push' }),
          derivedFor(records[1], { failed: ['signature'] }),
          derivedFor(records[2]),
          derivedFor(records[3], { eventType: null, failed: ['payload'] }),
        ],
        records[3].seq,
      );
      const ids = async (f: Parameters<StorageEngine['views']['list']>[0]) => (await store.views.list(f)).map((x) => x.record.id);
      assert.deepEqual(await ids({ sourceId: 'github', limit: 10 }), [records[0].id]);
      assert.deepEqual(await ids({ sourceId: 'unmatched', limit: 10 }), [records[3].id]);
      assert.deepEqual(await ids({ verdict: 'rejected', limit: 10 }), [records[3].id, records[1].id]);
      assert.deepEqual(await ids({ failedCheck: 'signature', limit: 10 }), [records[1].id]);
      assert.deepEqual(await ids({ eventType: 'push', limit: 10 }), [records[0].id]);
      assert.deepEqual(await ids({ limit: 2 }), [records[3].id, records[2].id]);
      assert.deepEqual(await ids({ limit: 2, beforeSeq: records[2].seq }), [records[1].id, records[0].id]);
    });

    it('searches with the delivery query language (terms, phrases, last-term prefix, OR, -, fields, body paths)', async () => {
      const records = await appendAndRead([entry(), entry(), entry()]);
      await store.views.apply(
        [
          derivedFor(records[0], { body: '{"customer":"«email @example.com»","note":"refund requested"}', eventType: 'charge.refunded' }),
          derivedFor(records[1], { body: '{"note":"requested a refund later"}', eventType: 'charge.succeeded' }),
          derivedFor(records[2], { body: '{"note":"OR NOT NEAR"}', eventType: 'invoice.paid' }),
        ],
        records[2].seq,
      );
      const ids = async (q: string) => {
        const parsed = parseQuery(q);
        assert.ok(parsed.ok, q);
        return (await store.views.list({ query: parsed.node, limit: 10 })).map((x) => x.record.id).sort();
      };
      assert.deepEqual(await ids('refund requested'), [records[0].id, records[1].id].sort(), 'every term, any order');
      assert.deepEqual(await ids('"refund requested"'), [records[0].id], 'quotes make a phrase');
      assert.deepEqual(await ids('example.com'), [records[0].id], 'a dotted term is a phrase of its words');
      assert.deepEqual(await ids('charge.ref'), [records[0].id], 'the last term matches as a prefix');
      assert.deepEqual(await ids('requ'), [records[0].id, records[1].id].sort());
      assert.deepEqual(await ids('invoice'), [records[2].id], 'event types are searchable');
      assert.deepEqual(await ids('refund -requested'), [], 'a minus negates');
      assert.deepEqual(await ids('refund OR invoice'), [records[0].id, records[1].id, records[2].id].sort());
      assert.deepEqual(await ids('type:charge.*'), [records[0].id, records[1].id].sort(), 'a field with a glob');
      assert.deepEqual(await ids('body.note:"OR NOT NEAR"'), [records[2].id], 'a JSON body value');
      assert.deepEqual(await ids('nothing-like-this'), []);
    });

    it('finds deliveries by blind-index hash and erases them with their outbox entries', async () => {
      const h1 = new Uint8Array(32).fill(7);
      const h2 = new Uint8Array(32).fill(9);
      const records = await appendAndRead([entry({ forwardTarget: 'http://127.0.0.1:9/x' }), entry(), entry()]);
      await store.views.apply([derivedFor(records[0], { blind: [h1] }), derivedFor(records[1], { blind: [h1, h2] }), derivedFor(records[2])], records[2].seq);
      assert.deepEqual((await store.views.idsByBlind([h1])).sort(), [records[0].id, records[1].id].sort());
      assert.deepEqual(await store.views.idsByBlind([new Uint8Array(32)]), []);
      assert.equal(await store.views.erase([records[0].id, records[1].id]), 2);
      assert.equal(await store.views.get(records[0].id), null);
      assert.equal(await store.journal.get(records[1].id), null);
      assert.deepEqual(await store.views.idsByBlind([h1, h2]), []);
      assert.deepEqual(await store.outbox.due(Number.MAX_SAFE_INTEGER, 10), [], 'an erased delivery is not forwarded');
    });

    it('queues derived deliveries with a forward target, records attempts and the new state', async () => {
      const [a, b] = await appendAndRead([entry({ forwardTarget: 'http://127.0.0.1:3000/hook' }), entry()]);
      assert.deepEqual(await store.outbox.due(Number.MAX_SAFE_INTEGER, 10), [], 'queued with the derived row, not before');
      await store.views.apply([derivedFor(a), derivedFor(b)], b.seq);
      const due = await store.outbox.due(a.receivedAt, 10);
      assert.deepEqual(due, [{ deliveryId: a.id, sourceId: 'stripe', target: 'http://127.0.0.1:3000/hook', attempts: 0, firstAttemptAt: null }]);
      const attempt = {
        id: `att_${a.id}`, deliveryId: a.id, at: a.receivedAt + 5, target: 'http://127.0.0.1:3000/hook', mode: 'auto' as const,
        status: 503, durationMs: 4, error: null, responseHeaders: [['retry-after', '1']] as Array<[string, string]>, responseBody: 'busy',
      };
      assert.equal(await store.outbox.record(attempt, { state: 'retrying', status: 503, nextAttemptAt: a.receivedAt + 1005 }), true);
      assert.deepEqual(await store.outbox.due(a.receivedAt + 500, 10), [], 'not due before its next attempt');
      const again = await store.outbox.due(a.receivedAt + 1005, 10);
      assert.deepEqual(again.map((d) => [d.deliveryId, d.attempts, d.firstAttemptAt]), [[a.id, 1, a.receivedAt + 5]]);
      await store.outbox.record({ ...attempt, id: `att2_${a.id}`, at: a.receivedAt + 1006, status: 200, responseBody: 'ok' }, { state: 'delivered', status: 200, nextAttemptAt: null });
      assert.deepEqual(await store.outbox.due(Number.MAX_SAFE_INTEGER, 10), []);
      const attempts = await store.outbox.attempts(a.id);
      assert.deepEqual(attempts.map((x) => [x.status, x.responseBody]), [[503, 'busy'], [200, 'ok']]);
      assert.deepEqual(attempts[0].responseHeaders, [['retry-after', '1']]);
      // a replay is recorded without changing the forward state
      assert.equal(await store.outbox.record({ ...attempt, id: `rep_${a.id}`, mode: 'resign', at: a.receivedAt + 2000 }), false);
      assert.equal((await store.outbox.attempts(a.id)).length, 3);
    });

    it('keeps an audit log, newest first', async () => {
      await store.audit.append({ at: 1000, action: 'config', subject: null, detail: '{"changed":["sources"]}' });
      await store.audit.append({ at: 2000, action: 'reveal', subject: 'd_1', detail: '{"bytes":12}' });
      const items = await store.audit.list(10);
      assert.deepEqual(items.map((i) => [i.action, i.subject, i.detail]), [['reveal', 'd_1', { bytes: 12 }], ['config', null, { changed: ['sources'] }]]);
      assert.equal(items[0].at, new Date(2000).toISOString());
      assert.equal((await store.audit.list(1)).length, 1);
    });

    it('keeps small values in meta', async () => {
      assert.equal(await store.meta.get('key_check'), null);
      await store.meta.set('key_check', new Uint8Array([1, 2, 3]));
      await store.meta.set('key_check', new Uint8Array([4, 5]));
      assert.deepEqual([...(await store.meta.get('key_check'))!], [4, 5]);
    });

    it('drops the oldest rejected bodies beyond the budget, keeping their rows', async () => {
      const big = (n: number) => new Uint8Array(1000).fill(n);
      const records = await appendAndRead([
        entry({ verdict: 'rejected', retention: 'rejected', sealed: big(1) }),
        entry({ verdict: 'rejected', retention: 'rejected', sealed: big(2) }),
        entry({ verdict: 'rejected', retention: 'rejected', sealed: big(3) }),
        entry({ sealed: big(4) }),
      ]);
      assert.equal(await store.journal.enforceRejectedBudget(2500), 1);
      const after = await Promise.all(records.map((r) => store.journal.get(r.id)));
      assert.deepEqual(after.map((r) => r?.bodyKept), [false, true, true, true]);
      assert.equal(await store.journal.enforceRejectedBudget(2500), 0);
    });

    it('purges old deliveries and old bodies in bounded steps; bodies waiting to be forwarded stay', async () => {
      const t = 1_700_000_000_000;
      const records = await appendAndRead([
        entry({ receivedAt: t - 40 * 86_400_000 }),
        entry({ receivedAt: t - 10 * 86_400_000 }),
        entry({ receivedAt: t - 10 * 86_400_000, forwardTarget: 'http://127.0.0.1:3000/' }),
        entry({ receivedAt: t }),
      ]);
      await store.views.apply(records.map((r) => derivedFor(r)), records[3].seq);
      const limits = { deleteBefore: t - 30 * 86_400_000, dropBodiesBefore: t - 7 * 86_400_000, maxRows: 1 };
      const totals = { deliveries: 0, bodies: 0 };
      for (let i = 0; i < 20; i++) {
        const step = await store.purge(limits);
        totals.deliveries += step.deliveries;
        totals.bodies += step.bodies;
        if (step.done) break;
      }
      assert.deepEqual(totals, { deliveries: 1, bodies: 1 });
      const kept = await Promise.all(records.map((r) => store.journal.get(r.id)));
      assert.deepEqual(kept.map((r) => (r ? r.bodyKept : 'gone')), ['gone', false, true, true]);
      assert.ok((await store.sizeOnDisk()) > 0);
    });
  });
}
