/**
 * Group commit: one batch at a time goes to the engine; what arrives meanwhile goes as the next batch
 * when it settles; deadlines count from the moment an entry was handed in. The sink here is an engine
 * whose commits the test completes by hand (the real engines are covered by the store and kill -9 tests).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGroupCommit, type JournalSink } from '../../../../electron/core/ingest/group-commit';
import type { JournalEntry } from '../../../../electron/core/store/contract';

function entry(id: string): JournalEntry {
  return {
    id, receivedAt: 0, sourceId: 's', method: 'POST', verdict: 'verified', status: 200, codes: '', retention: 'kept', clientIp: '127.0.0.1',
    size: 0, bodyTruncated: false, sealed: new Uint8Array(1), keyHash: null, keyExpiresAt: null, duplicateOf: null, forwardTarget: null,
  };
}

interface Call {
  ids: string[];
  deadlineMs: number;
  commit(): void;
  fail(error: Error): void;
}

function manualSink(): { sink: JournalSink; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    sink: {
      append(entries, { deadlineMs }) {
        return new Promise<void>((resolve, reject) => {
          calls.push({ ids: entries.map((e) => e.id), deadlineMs, commit: resolve, fail: reject });
        });
      },
    },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

test('entries handed in while a batch commits wait, then go together as one batch', async () => {
  const { sink, calls } = manualSink();
  const commits = createGroupCommit(sink, { maxBatch: 100, deadlineMs: 4000, maxInFlight: 1 });
  const first = commits.add(entry('a'));
  await turn();
  assert.deepEqual(calls.map((c) => c.ids), [['a']], 'an idle engine gets a lone entry at the end of the turn');

  const later = [commits.add(entry('b')), commits.add(entry('c'))];
  await turn();
  await turn();
  commits.add(entry('d')).catch(() => undefined);
  await turn();
  assert.equal(calls.length, 1, 'nothing more is posted while the first batch commits');
  assert.equal(commits.inFlight(), 4);

  calls[0].commit();
  await first;
  await turn();
  assert.deepEqual(calls.map((c) => c.ids), [['a'], ['b', 'c', 'd']], 'what waited goes as one batch the moment the engine is free');
  calls[1].commit();
  await Promise.all(later);
  await commits.settled();
  assert.equal(commits.inFlight(), 0);
});

test('by default a second batch waits in the engine while one commits; a third waits here and goes when one settles', async () => {
  const { sink, calls } = manualSink();
  const commits = createGroupCommit(sink, { maxBatch: 100, deadlineMs: 4000 });
  const all = [commits.add(entry('a'))];
  await turn();
  all.push(commits.add(entry('b')));
  await turn();
  all.push(commits.add(entry('c')), commits.add(entry('d')));
  await turn();
  assert.deepEqual(calls.map((c) => c.ids), [['a'], ['b']], 'two batches with the engine at most');
  calls[0].commit();
  await all[0];
  await turn();
  assert.deepEqual(calls.map((c) => c.ids), [['a'], ['b'], ['c', 'd']]);
  calls[1].commit();
  calls[2].commit();
  await Promise.all(all);
});

test('a full batch is posted at once, even while another commits', async () => {
  const { sink, calls } = manualSink();
  const commits = createGroupCommit(sink, { maxBatch: 2, deadlineMs: 4000, maxInFlight: 1 });
  const all = [commits.add(entry('a'))];
  await turn();
  all.push(commits.add(entry('b')), commits.add(entry('c')));
  assert.deepEqual(calls.map((c) => c.ids), [['a'], ['b', 'c']]);
  for (const c of calls) c.commit();
  await Promise.all(all);
});

test('a failed batch rejects its own entries only, and reports them to onSettled', async () => {
  const { sink, calls } = manualSink();
  const settled: Array<{ ids: string[]; ok: boolean }> = [];
  const commits = createGroupCommit(sink, { maxBatch: 100, deadlineMs: 4000, onSettled: (entries, ok) => settled.push({ ids: entries.map((e) => e.id), ok }) });
  const a = commits.add(entry('a'));
  await turn();
  const b = commits.add(entry('b'));
  await turn();
  calls[0].fail(new Error('disk full'));
  await assert.rejects(a, /disk full/);
  await turn();
  calls[1].commit();
  await b;
  assert.deepEqual(settled, [{ ids: ['a'], ok: false }, { ids: ['b'], ok: true }]);
});

test('the deadline counts from when an entry was handed in: time spent waiting behind a stuck batch is taken off', async () => {
  const { sink, calls } = manualSink();
  let now = 1_000;
  const commits = createGroupCommit(sink, { maxBatch: 100, deadlineMs: 4000, maxInFlight: 1, now: () => now });
  const a = commits.add(entry('a'));
  await turn();
  assert.equal(calls[0].deadlineMs, 4000);
  now += 500;
  const b = commits.add(entry('b'));
  await turn();
  now += 3000; // the first batch misses its deadline (as the engine would report it)
  calls[0].fail(new Error('busy'));
  await assert.rejects(a, /busy/);
  await turn();
  assert.deepEqual(calls[1].ids, ['b']);
  assert.equal(calls[1].deadlineMs, 1000, 'b was handed in 3,000 ms ago: 1,000 ms of its 4,000 are left');
  now += 2000;
  calls[1].fail(new Error('busy'));
  await assert.rejects(b, /busy/);

  const c = commits.add(entry('c'));
  await turn();
  assert.equal(calls[2].deadlineMs, 4000, 'a fresh entry on an idle engine gets the whole deadline');
  calls[2].commit();
  await c;
});

test('settled() waits for entries still waiting behind a batch, not only for posted ones', async () => {
  const { sink, calls } = manualSink();
  const commits = createGroupCommit(sink, { maxBatch: 100, deadlineMs: 4000, maxInFlight: 1 });
  void commits.add(entry('a'));
  await turn();
  void commits.add(entry('b'));
  let done = false;
  const settled = commits.settled().then(() => {
    done = true;
  });
  calls[0].commit();
  await turn();
  await turn();
  assert.equal(done, false, 'b is still committing');
  assert.deepEqual(calls[1].ids, ['b']);
  calls[1].commit();
  await settled;
  assert.equal(commits.inFlight(), 0);
});
