/**
 * The deriver runs on its own thread (docs/architecture.md "The path of one delivery"): display rows,
 * search and blind index are written while the main event loop is blocked; the main-thread fallback
 * really runs on the main thread; after a kill -9 with rows only in the journal, they are listed as
 * pending at once and derived at the next start.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, test } from 'node:test';
import type { DeliverySummary } from '../../../../shared/api';
import { BACKGROUND_NICE } from '../../../../electron/core/thread-priority';
import { check, delivery, LIVE_JOURNAL, openReadOnly, openStore, tempDir } from '../store/helpers';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'journal-then-hang.ts');

/** blocks this thread (and so its event loop) without spinning */
function blockMainThread(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function probe(dir: string): { journal(): number; derived(): number; search(term: string): number; close(): void } {
  const db = openReadOnly(dir);
  return {
    journal: () => Number(db.prepare(`SELECT COUNT(*) FROM ${LIVE_JOURNAL}`).pluck().get()),
    derived: () => Number(db.prepare('SELECT COUNT(*) FROM deliveries').pluck().get()),
    search: (term) => Number(db.prepare('SELECT COUNT(*) FROM deliveries_fts WHERE deliveries_fts MATCH ?').pluck().get(term)),
    close: () => db.close(),
  };
}

describe('derive worker', () => {
  test('display rows and the search index are written while the main event loop is blocked', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      assert.equal(store.derivesOffThread, true);
      const seen: DeliverySummary[] = [];
      store.onCommitted((items) => seen.push(...items));
      const items = Array.from({ length: 300 }, (_, i) => delivery({ body: `{"event":"call.completed","note":"walrus ${i}"}` }));
      // list rows of other shapes: rejected with a failed check, from an unknown path
      items.push(delivery({ verdict: 'rejected', status: 401, checks: [check('signature', 'fail', 'mismatch')], body: '{"note":"walrus x"}' }));
      items.push(delivery({ sourceId: null, status: 404, body: '{"note":"walrus y"}' }));
      await Promise.all(items.map((d) => store.add(d)));
      const db = probe(dir);
      try {
        // nothing on this thread can run from here on: only another thread can derive
        const deadline = Date.now() + 60_000;
        while (db.journal() > 0 && Date.now() < deadline) blockMainThread(20);
        assert.equal(db.journal(), 0, 'the journal was derived while the main thread was blocked');
        assert.equal(db.derived(), 302);
        assert.equal(db.search('walrus'), 301, 'indexed in the same transactions (an unknown path\'s body is never kept)');
      } finally {
        db.close();
      }
      // the batch messages reach the main side once its loop runs again: counters and live events follow
      await store.flush();
      assert.deepEqual(new Set(seen.map((i) => i.id)), new Set(items.map((d) => d.id)));
      // what live events carry (sent by column from the worker) is the list row the store reads back
      for (const item of seen) assert.deepEqual(item, store.summary(item.id));
      assert.equal(store.countsBySource().blackbox.total, 301);
      await store.close();
    } finally {
      cleanup();
    }
  });

  test("the fallback ('main') derives on the main thread: nothing moves while that thread is blocked", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir, { deriver: 'main' });
      assert.equal(store.derivesOffThread, false);
      // one group commit, then block before the deriver's timer can fire
      await Promise.all(Array.from({ length: 50 }, () => store.add(delivery())));
      const db = probe(dir);
      try {
        assert.equal(db.journal(), 50);
        blockMainThread(1500);
        assert.equal(db.journal(), 50, 'no other thread derived');
      } finally {
        db.close();
      }
      await store.flush();
      assert.equal(store.pendingCount(), 0);
      assert.equal(store.list({ limit: 100 }).items.length, 50);
      await store.close();
    } finally {
      cleanup();
    }
  });

  test('kill -9 with rows only in the journal: listed as pending at once, derived, searchable and erasable after restart', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dir, '120'], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', () => reject(new Error('the child exited before reporting')));
      });
      const acknowledged = JSON.parse(line) as string[];
      child.kill('SIGKILL');
      await exited;

      const db = probe(dir);
      assert.equal(db.journal(), 120, 'the crash left every acknowledged delivery in the journal only');
      db.close();

      // journal only: every read shows them, flagged pending
      const reader = openStore(dir, { deriver: 'none' });
      const pending = reader.list({ limit: 200 });
      assert.deepEqual(new Set(pending.items.map((i) => i.id)), new Set(acknowledged));
      assert.ok(pending.items.every((i) => i.pending === true));
      const one = reader.get(acknowledged[0]);
      assert.equal(one?.pending, true);
      assert.match(one?.body ?? '', /kraken 0/);
      assert.ok(reader.revealRaw(acknowledged[0]));
      await reader.close();

      // the next start derives the backlog from the journal
      const store = openStore(dir);
      await store.flush();
      assert.equal(store.pendingCount(), 0);
      const all = store.list({ limit: 200 });
      assert.deepEqual(new Set(all.items.map((i) => i.id)), new Set(acknowledged));
      assert.ok(all.items.every((i) => i.pending === undefined));
      assert.equal(store.list({ q: 'kraken', limit: 200 }).items.length, 120);
      assert.equal(await store.eraseByValue('crash7@example.com'), 1);
      await store.close();
    } finally {
      cleanup();
    }
  });

  test('settleReads waits for the worker without blocking the event loop; the list right after it does not wait again', async () => {
    const { dir, cleanup } = tempDir();
    try {
      // a backlog only in the journal (as after a crash), then a start with the worker
      const writer = openStore(dir, { deriver: 'none' });
      await Promise.all(Array.from({ length: 2000 }, (_, i) => writer.add(delivery({ body: `{"event":"call.completed","note":"otter ${i}"}` }))));
      await writer.close();
      const store = openStore(dir);
      assert.ok(store.pendingCount() > 0);
      // a timer that fires while the backlog is still being derived proves this thread kept running
      let ranWhilePending = false;
      const ticker = setInterval(() => {
        if (store.pendingCount() > 0) ranWhilePending = true;
      }, 1);
      await store.settleReads(60_000);
      clearInterval(ticker);
      assert.ok(ranWhilePending, 'timers ran during the wait');
      assert.equal(store.pendingCount(), 0, 'the wait lasted until the worker caught up');
      assert.equal(store.list({ q: 'otter', limit: 10 }).total, 2000);
      await store.close();
    } finally {
      cleanup();
    }
  });

  // thread-priority.ts: on Linux a nice value belongs to one thread, so this can be read per thread from /proc
  test('the derive thread yields to the event loop: it runs at a lower priority, the main thread keeps its own', { skip: process.platform !== 'linux' && 'per-thread priorities are Linux only' }, async () => {
    /** nice value per thread id of this process */
    const niceByThread = (): Map<number, number> =>
      new Map(readdirSync('/proc/self/task').map((tid) => [Number(tid), Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16])]));
    const before = niceByThread();
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      let lowered: Array<[number, number]>;
      try {
        assert.equal(store.derivesOffThread, true);
        await store.add(delivery({ body: '{"event":"call.completed"}' }));
        await store.flush();
        const during = niceByThread();
        lowered = [...during].filter(([tid, nice]) => !before.has(tid) && nice === BACKGROUND_NICE);
        assert.equal(lowered.length, 1, 'the derive worker runs at the background priority');
        assert.equal(during.get(process.pid), before.get(process.pid), 'the main thread (receiver, API) keeps its priority');
      } finally {
        await store.close();
      }
      assert.equal(niceByThread().has(lowered[0][0]), false, 'it was the derive worker: it ended with the store');
    } finally {
      cleanup();
    }
  });
});
