/**
 * Several replicas' adapters on one PostgreSQL database: what makes stateless receivers safe
 * (commit-ordered seq, global idempotency, disjoint outbox claims, live notifications, one purge).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { StorageBusyError } from '../../../../../electron/core/store/contract';
import { createPostgresAdapter, type PostgresAdapter } from '../../../../../electron/core/store/postgres/adapter';
import { LOCK_KEYS } from '../../../../../electron/core/store/postgres/locks';
import { startTestPostgres, type TestPostgres } from '../../../../helpers/postgres';
import { entry } from '../contract/storage-contract';

const DEADLINE = { deadlineMs: 30_000 };

describe('PostgreSQL adapter: replicas sharing one database', () => {
  let server: TestPostgres;
  const open: PostgresAdapter[] = [];
  const replicas = async (url: string, n = 2): Promise<PostgresAdapter[]> => {
    const out: PostgresAdapter[] = [];
    for (let i = 0; i < n; i++) {
      out.push(await createPostgresAdapter({ url, clock: { now: () => Date.now() }, poolMax: 4, markDuplicate: (codes, first) => `${codes}|wduplicate of=${first}` }));
    }
    open.push(...out);
    return out;
  };
  before(async () => {
    server = await startTestPostgres();
  });
  after(async () => {
    for (const a of open) await a.close();
    await server.stop();
  });

  it('hands out seq in commit order: a reader following "after seq" never skips a row', async () => {
    const [a, b] = await replicas(await server.createDatabase());
    const written: string[] = [];
    const seen = new Set<string>();
    let cursor = 0;
    let writing = true;
    const reader = (async () => {
      while (writing || seen.size < written.length) {
        for (const r of await b.journal.after(cursor, 1000)) {
          assert.ok(r.seq > cursor);
          cursor = r.seq;
          seen.add(r.id);
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await Promise.all(
      [a, b, a, b].map(async (adapter) => {
        for (let i = 0; i < 25; i++) {
          const batch = [entry(), entry()];
          await adapter.journal.append(batch, DEADLINE);
          written.push(...batch.map((e) => e.id));
        }
      }),
    );
    writing = false;
    await reader;
    assert.equal(written.length, 200);
    assert.deepEqual([...seen].sort(), [...written].sort(), 'every committed row was seen by the cursor reader');
  });

  it('deliveries taken alternately by two replicas are listed complete and in the same order by either', async () => {
    const [a, b] = await replicas(await server.createDatabase());
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const e = entry();
      await (i % 2 === 0 ? a : b).journal.append([e], DEADLINE);
      ids.push(e.id);
    }
    const newestFirst = [...ids].reverse();
    for (const adapter of [a, b]) {
      const page1 = await adapter.views.list({ limit: 25 });
      const page2 = await adapter.views.list({ limit: 25, beforeSeq: page1[page1.length - 1].record.seq });
      assert.deepEqual([...page1, ...page2].map((x) => x.record.id), newestFirst);
    }
  });

  it('the same idempotency key at two replicas at once: one verified delivery, one duplicate that is never forwarded', async () => {
    const [a, b] = await replicas(await server.createDatabase());
    const key = { keyHash: 'evt_same', keyExpiresAt: Date.now() + 86_400_000, forwardTarget: 'http://127.0.0.1:3000/' };
    const ea = entry(key);
    const eb = entry(key);
    await Promise.all([a.journal.append([ea], DEADLINE), b.journal.append([eb], DEADLINE)]);
    const records = await Promise.all([a.journal.get(ea.id), a.journal.get(eb.id)]);
    const firsts = records.filter((r) => r!.duplicateOf === null);
    const dups = records.filter((r) => r!.duplicateOf !== null);
    assert.equal(firsts.length, 1);
    assert.equal(dups.length, 1);
    assert.equal(dups[0]!.duplicateOf, firsts[0]!.id);
    assert.equal(dups[0]!.forwardTarget, null);
    assert.match(dups[0]!.codes, new RegExp(`wduplicate of=${firsts[0]!.id}$`));
    const keys = await b.journal.duplicateKeys(Date.now());
    assert.deepEqual(keys.map((k) => k.deliveryId), [firsts[0]!.id]);
  });

  it('two replicas draining the outbox at once claim disjoint deliveries: 200 forwarded exactly once', async () => {
    const [a, b] = await replicas(await server.createDatabase());
    const entries = Array.from({ length: 200 }, () => entry({ receivedAt: 1000, forwardTarget: 'http://127.0.0.1:3000/' }));
    for (let i = 0; i < entries.length; i += 50) await a.journal.append(entries.slice(i, i + 50), DEADLINE);
    const records = await a.journal.after(0, 1000);
    await a.views.apply(records.map((r) => ({ seq: r.seq, id: r.id, pathRedacted: '/hooks/stripe', headersRedacted: '[]', bodyRedacted: '{}', bodySha256: '', contentType: null, eventType: null, idempotencyKey: null, failed: [], blind: [] })), records[records.length - 1].seq);
    const sent = new Map<string, number>();
    const drain = async (adapter: PostgresAdapter) => {
      for (;;) {
        const due = await adapter.outbox.due(Date.now(), 7);
        if (due.length === 0) return;
        for (const d of due) {
          sent.set(d.deliveryId, (sent.get(d.deliveryId) ?? 0) + 1);
          await adapter.outbox.record(
            { id: `att_${d.deliveryId}`, deliveryId: d.deliveryId, at: Date.now(), target: d.target, mode: 'auto', status: 200, durationMs: 1, error: null, responseHeaders: [], responseBody: '' },
            { state: 'delivered', status: 200, nextAttemptAt: null },
          );
        }
      }
    };
    await Promise.all([drain(a), drain(b), drain(a), drain(b)]);
    assert.equal(sent.size, 200);
    assert.deepEqual([...new Set(sent.values())], [1], 'no delivery claimed twice');
  });

  it("a claim held by a replica that died is taken over once its lease runs out", async () => {
    const [a, b] = await replicas(await server.createDatabase());
    const e = entry({ receivedAt: 1000, forwardTarget: 'http://127.0.0.1:3000/' });
    await a.journal.append([e], DEADLINE);
    const [r] = await a.journal.after(0, 10);
    await a.views.apply([{ seq: r.seq, id: r.id, pathRedacted: '/', headersRedacted: '[]', bodyRedacted: '', bodySha256: '', contentType: null, eventType: null, idempotencyKey: null, failed: [], blind: [] }], r.seq);
    assert.equal((await a.outbox.due(10_000, 10)).length, 1, 'replica A claims it (and then dies)');
    assert.equal((await b.outbox.due(10_000, 10)).length, 0, 'held by A');
    assert.equal((await b.outbox.due(10_000 + 120_001, 10)).length, 1, 'after the lease, B takes it over');
  });

  it("tells every replica about another one's append within 1 s (LISTEN/NOTIFY)", async () => {
    const [a, b] = await replicas(await server.createDatabase());
    const heard = new Promise<{ seq: number | null; ms: number }>((resolve) => {
      const started = Date.now();
      const off = b.onAppended((seq) => {
        off();
        resolve({ seq, ms: Date.now() - started });
      });
    });
    const e = entry();
    await a.journal.append([e], DEADLINE);
    const { seq, ms } = await heard;
    const record = await b.journal.get(e.id);
    assert.equal(seq, record!.seq, 'the notification names the committed seq');
    assert.ok(ms < 1000, `heard after ${ms} ms`);
  });

  it('retention runs once across replicas purging at the same time', async () => {
    const [a, b] = await replicas(await server.createDatabase());
    const old = Array.from({ length: 30 }, () => entry({ receivedAt: 1000 }));
    await a.journal.append(old, DEADLINE);
    const limits = { deleteBefore: 2000, dropBodiesBefore: 2000, maxRows: 5 };
    const run = async (adapter: PostgresAdapter) => {
      let deleted = 0;
      for (let i = 0; i < 100; i++) {
        const step = await adapter.purge(limits);
        deleted += step.deliveries;
        if (step.done && step.deliveries === 0) break;
      }
      return deleted;
    };
    const [da, db] = await Promise.all([run(a), run(b)]);
    assert.equal(da + db, 30, 'each old delivery deleted once');
    assert.deepEqual(await a.journal.after(0, 100), []);
  });

  it('an append that cannot get the lock before its deadline fails with StorageBusyError', async () => {
    const url = await server.createDatabase();
    const [a] = await replicas(url, 1);
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1::bigint)', [LOCK_KEYS.append]);
      await assert.rejects(a.journal.append([entry()], { deadlineMs: 300 }), (e) => e instanceof StorageBusyError);
      await holder.query('ROLLBACK');
      await a.journal.append([entry()], DEADLINE);
    } finally {
      await holder.end();
    }
  });

  it("a replica busy right after taking the append lock does not hold the other replicas' appends", async () => {
    const [a, b] = await replicas(await server.createDatabase());
    // the client side of the next statement that takes the append lock sees its answer 3 s late, as a
    // replica whose event loop is busy (deriving, answering) or that is stopped would
    let stallNext = true;
    const original = pg.Client.prototype.query;
    const stalls = (text: unknown) => stallNext && typeof text === 'string' && /pg_advisory_xact_lock|hookscope_append/.test(text);
    const late = <F extends (...args: never[]) => unknown>(fn: F) => ((...args: Parameters<F>) => void setTimeout(() => fn(...args), 3000)) as unknown as F;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      if (stalls(typeof args[0] === 'object' && args[0] !== null ? (args[0] as { text?: string }).text : args[0])) {
        stallNext = false;
        const last = args.length - 1;
        if (typeof args[last] === 'function') args[last] = late(args[last] as (...a: never[]) => unknown);
        else return (original as (...a: unknown[]) => Promise<unknown>).apply(this, args).then((r) => new Promise((res) => setTimeout(() => res(r), 3000)));
      }
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      const stalled = a.journal.append([entry()], DEADLINE);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(stallNext, false, "A's append took the lock and stalls");
      const started = Date.now();
      await b.journal.append([entry()], { deadlineMs: 1500 });
      assert.ok(Date.now() - started < 1500, 'B committed within its deadline');
      await stalled;
      assert.equal((await b.views.list({ limit: 10 })).length, 2, 'both appends stored');
    } finally {
      pg.Client.prototype.query = original;
    }
  });
});
