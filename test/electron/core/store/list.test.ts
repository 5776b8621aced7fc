import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { HookscopeStore } from '../../../../electron/core/store';
import { HookscopeError } from '../../../../shared/result';
import { check, delivery, openStore, tempDir, T0 } from './helpers';
import type { NewDelivery } from '../../../../electron/core/store/types';

const N = 300;
const SOURCES = ['blackbox', 'stripe', null] as const;
const EVENTS = ['call.completed', 'call.started', 'invoice.paid'];

function make(i: number): NewDelivery {
  const failsSignature = i % 4 === 0;
  const failsTimestamp = i % 6 === 0;
  const checks = [
    check('signature', failsSignature ? 'fail' : 'pass', failsSignature ? 'no_matching_signature' : 'ok'),
    check('timestamp', failsTimestamp ? 'fail' : 'pass', failsTimestamp ? 'too_old' : 'ok'),
  ];
  const rejected = failsSignature || failsTimestamp;
  const sourceId = SOURCES[i % 3];
  return delivery({
    receivedAt: T0 + i * 1000,
    sourceId,
    target: sourceId ? `/hooks/${sourceId}` : '/hooks/typo',
    eventType: EVENTS[i % 3],
    checks,
    verdict: rejected ? 'rejected' : 'verified',
    status: rejected ? 401 : 200,
    body: JSON.stringify({ event: EVENTS[i % 3], seq: i, note: i % 50 === 0 ? `zebra marker ${i}` : 'plain', quote: 'say "hi" AND NOT OR *' }),
  });
}

describe('list', () => {
  let store: HookscopeStore;
  let cleanup: () => void;
  const all: NewDelivery[] = [];

  before(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    store = openStore(t.dir);
    for (let i = 0; i < N; i++) all.push(make(i));
    await Promise.all(all.map((d) => store.add(d)));
  });
  after(async () => {
    await store.close();
    cleanup();
  });

  const ids = (items: Array<{ id: string }>): string[] => items.map((i) => i.id);
  const expected = (pred: (d: NewDelivery, i: number) => boolean, limit = 50): string[] =>
    all.map((d, i) => ({ d, i })).filter(({ d, i }) => pred(d, i)).reverse().slice(0, limit).map(({ d }) => d.id);

  test('newest first, default limit 50, cursor pagination walks every row exactly once', () => {
    const first = store.list({});
    assert.equal(first.items.length, 50);
    assert.deepEqual(ids(first.items), expected(() => true));
    const seen: string[] = [];
    let page = store.list({ limit: 70 });
    seen.push(...ids(page.items));
    while (page.next) {
      page = store.list({ limit: 70, before: page.next });
      seen.push(...ids(page.items));
    }
    assert.equal(seen.length, N);
    assert.deepEqual(seen, expected(() => true, N));
  });

  test('filters: source, unmatched, verdict, failed check, event type, combined', () => {
    assert.deepEqual(ids(store.list({ sourceId: 'stripe' }).items), expected((d) => d.sourceId === 'stripe'));
    assert.deepEqual(ids(store.list({ sourceId: 'unmatched' }).items), expected((d) => d.sourceId === null));
    assert.deepEqual(ids(store.list({ verdict: 'rejected' }).items), expected((d) => d.verdict === 'rejected'));
    assert.deepEqual(ids(store.list({ failedCheck: 'timestamp' }).items), expected((_d, i) => i % 6 === 0));
    assert.deepEqual(ids(store.list({ eventType: 'invoice.paid' }).items), expected((d) => d.eventType === 'invoice.paid'));
    assert.deepEqual(
      ids(store.list({ sourceId: 'blackbox', failedCheck: 'signature', limit: 500 }).items),
      expected((d, i) => d.sourceId === 'blackbox' && i % 4 === 0, 500),
    );
    assert.deepEqual(store.list({ failedCheck: 'rate-limit' }).items, []);
  });

  test('filtered pages paginate too', () => {
    const seen: string[] = [];
    let page = store.list({ failedCheck: 'signature', limit: 20 });
    seen.push(...ids(page.items));
    while (page.next) {
      page = store.list({ failedCheck: 'signature', limit: 20, before: page.next });
      seen.push(...ids(page.items));
    }
    assert.deepEqual(seen, expected((_d, i) => i % 4 === 0, N));
  });

  // requests to unknown paths are junk: listed and counted, but their bodies are never stored or indexed
  const zebra = (d: NewDelivery, i: number): boolean => i % 50 === 0 && d.sourceId !== null;

  test('full-text search over redacted body, event type and path; user terms are quoted safely', () => {
    assert.deepEqual(ids(store.list({ q: 'zebra' }).items), expected(zebra));
    assert.deepEqual(ids(store.list({ q: 'zebra marker 150' }).items), [all[150].id]);
    assert.deepEqual(ids(store.list({ q: 'invoice.paid', limit: 500 }).items), expected((d) => d.eventType === 'invoice.paid', 500));
    assert.deepEqual(ids(store.list({ q: 'typo', limit: 500 }).items), expected((d) => d.sourceId === null, 500));
    // inside quotes, operators and FTS syntax are data
    assert.equal(store.list({ q: '"say \\"hi\\" AND NOT OR *"' }).total, all.filter((d) => d.sourceId !== null).length);
    assert.deepEqual(store.list({ q: 'nothing-like-this' }).items, []);
    // text the index cannot hold (punctuation only) filters nothing
    assert.equal(store.list({ q: '«» ***' }).total, N);
    // the last term matches as a prefix (search as you type)
    assert.deepEqual(ids(store.list({ q: 'zeb' }).items), expected(zebra));
  });

  test('search combines with filters and pagination', () => {
    const page1 = store.list({ q: 'call', verdict: 'verified', limit: 30 });
    const page2 = store.list({ q: 'call', verdict: 'verified', limit: 30, before: page1.next });
    const want = expected((d) => d.eventType?.startsWith('call') === true && d.verdict === 'verified', 60);
    assert.deepEqual([...ids(page1.items), ...ids(page2.items)], want);
    assert.deepEqual(
      ids(store.list({ q: 'zebra', failedCheck: 'signature' }).items),
      expected((d, i) => zebra(d, i) && i % 4 === 0),
    );
  });

  test('summaries carry what the list shows', () => {
    const s = store.summary(all[6].id);
    assert.deepEqual(s && { ...s, receivedAt: s.receivedAt }, {
      id: all[6].id,
      sourceId: 'blackbox',
      receivedAt: new Date(T0 + 6000).toISOString(),
      method: 'POST',
      path: '/hooks/blackbox',
      eventType: 'call.completed',
      verdict: 'rejected',
      status: 401,
      checks: [
        { id: 'signature', outcome: 'pass', code: 'ok' },
        { id: 'timestamp', outcome: 'fail', code: 'too_old' },
      ],
      duplicateOf: null,
      forward: null,
      size: all[6].rawBody.byteLength,
      clientIp: '127.0.0.1',
    });
  });

  test('counts by source', () => {
    const counts = store.countsBySource();
    const expectCount = (src: string | null) => {
      const rows = all.filter((d) => d.sourceId === src);
      const verified = rows.filter((d) => d.verdict === 'verified').length;
      return { total: rows.length, verified, rejected: rows.length - verified };
    };
    assert.deepEqual(counts, { blackbox: expectCount('blackbox'), stripe: expectCount('stripe'), unmatched: expectCount(null) });
  });

  test('a bad cursor is a clear error', () => {
    assert.throws(() => store.list({ before: 'garbage!' }), (e: unknown) => e instanceof HookscopeError && e.code === 'invalid_argument' && e.message.startsWith('before:'));
  });
});
