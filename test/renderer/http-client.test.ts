import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHttpClient, reopenDelayMs, type EventSourceLike } from '../../renderer/src/client/http-client';
import { ApiError } from '../../renderer/src/client/api-error';
import type { ClientEvent } from '../../renderer/src/client/types';
import { delivery, tick, until } from './fixtures';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

test('a method is POST /api/<method> with the bearer token and the argument as JSON', async () => {
  const seen: Array<{ url: string; init: RequestInit }> = [];
  const client = createHttpClient({
    token: 'T0K',
    fetch: async (url, init) => {
      seen.push({ url: String(url), init: init ?? {} });
      return jsonResponse({ ok: true, value: { items: [], next: 'n' } });
    },
  });
  const value = await client.listDeliveries({ verdict: 'rejected', limit: 5 });
  assert.deepEqual(value, { items: [], next: 'n' });
  assert.equal(seen[0].url, '/api/listDeliveries');
  assert.equal(seen[0].init.method, 'POST');
  assert.equal((seen[0].init.headers as Record<string, string>).Authorization, 'Bearer T0K');
  assert.deepEqual(JSON.parse(String(seen[0].init.body)), { verdict: 'rejected', limit: 5 });
});

test('an error envelope is thrown with its code and details', async () => {
  const details = [{ field: 'sources[0].id', message: 'must be 1–40 characters' }];
  const client = createHttpClient({
    token: 't',
    fetch: async () => jsonResponse({ ok: false, error: { code: 'invalid_config', message: 'Invalid configuration', details } }),
  });
  await assert.rejects(client.updateConfig({ config: {} }), (error: unknown) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.code, 'invalid_config');
    assert.equal(error.message, 'Invalid configuration');
    assert.deepEqual(error.details, details);
    return true;
  });
});

test('401 and network failures become clear errors', async () => {
  const unauthorized = createHttpClient({ token: 'bad', fetch: async () => new Response('', { status: 401 }) });
  await assert.rejects(unauthorized.getStatus({}), { code: 'unauthorized' });
  const down = createHttpClient({
    token: 't',
    fetch: async () => {
      throw new TypeError('fetch failed');
    },
  });
  await assert.rejects(down.getStatus({}), { code: 'network' });
});

class FakeEventSource implements EventSourceLike {
  static last: FakeEventSource | null = null;
  listeners = new Map<string, Array<(e: { data?: unknown }) => void>>();
  closed = false;
  readyState = 0;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, listener: (e: { data?: unknown }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  fire(type: string, data?: unknown): void {
    for (const l of this.listeners.get(type) ?? []) l({ data });
  }
  close(): void {
    this.closed = true;
  }
}

test('subscribe opens one EventSource with the token and passes typed events on', () => {
  const client = createHttpClient({ token: 'a b', fetch: async () => jsonResponse({ ok: true, value: null }), createEventSource: (url) => new FakeEventSource(url) });
  const got: ClientEvent[] = [];
  const off = client.subscribe((e) => got.push(e));
  const es = FakeEventSource.last!;
  assert.equal(es.url, '/api/stream?token=a%20b');
  const item = delivery();
  es.fire('open');
  es.fire('deliveriesAdded', JSON.stringify({ items: [item] }));
  es.fire('deliveriesAdded', 'not json');
  es.fire('error');
  assert.deepEqual(got, [
    { type: 'streamState', payload: { state: 'open' } },
    { type: 'deliveriesAdded', payload: { items: [item] } },
    { type: 'streamState', payload: { state: 'reconnecting' } },
  ]);
  off();
  assert.equal(es.closed, true, 'the stream closes with the last listener');
});

/** A client over a fake EventSource and fake timers; `answer` is what every API call gets. */
function streamHarness(answer: () => Promise<Response>) {
  const timers: Array<{ run: () => void; ms: number; cleared: boolean }> = [];
  const sources: FakeEventSource[] = [];
  const fetched: string[] = [];
  const client = createHttpClient({
    token: 't',
    fetch: async (url) => {
      fetched.push(String(url));
      return answer();
    },
    createEventSource: (url) => {
      const es = new FakeEventSource(url);
      sources.push(es);
      return es;
    },
    setTimer: (run, ms) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (handle) => void ((handle as { cleared: boolean }).cleared = true),
  });
  const got: ClientEvent[] = [];
  const off = client.subscribe((e) => got.push(e));
  /** the browser gives up on the stream (HTTP error): readyState CLOSED, then 'error' */
  const giveUp = (es: FakeEventSource) => {
    es.readyState = 2;
    es.fire('error');
  };
  return { client, timers, sources, fetched, got, off, giveUp };
}

const OPEN = { type: 'streamState', payload: { state: 'open' } } as const;
const RECONNECTING = { type: 'streamState', payload: { state: 'reconnecting' } } as const;
const UNAUTHORIZED = { type: 'streamState', payload: { state: 'unauthorized' } } as const;

test('a stream the browser closed for good while the token is still accepted is reopened with backoff', async () => {
  const { timers, sources, fetched, got, off, giveUp } = streamHarness(async () => jsonResponse({ ok: true, value: null }));
  sources[0].fire('open');
  giveUp(sources[0]);
  assert.equal(sources[0].closed, true);
  await until(() => timers.length === 1);
  assert.deepEqual(fetched, ['/api/getStatus'], 'one probe asks whether the token is still accepted');
  assert.deepEqual(got, [OPEN, RECONNECTING]);
  assert.equal(timers[0].ms, 1000);
  timers[0].run();
  assert.equal(sources.length, 2, 'a new EventSource');
  giveUp(sources[1]);
  await until(() => timers.length === 2);
  assert.equal(timers[1].ms, 2000, 'backoff grows');
  timers[1].run();
  sources[2].fire('open');
  assert.deepEqual(got.at(-1), OPEN);
  assert.equal(got.length, 3, 'no duplicate reconnecting events');
  giveUp(sources[2]);
  await until(() => timers.length === 3);
  assert.equal(timers[2].ms, 1000, 'an open resets the backoff');
  off();
  assert.equal(timers[2].cleared, true, 'no reopen after the last listener left');
  assert.deepEqual([1, 2, 3, 4, 5, 6, 10].map(reopenDelayMs), [2000, 4000, 8000, 16000, 30000, 30000, 30000]);
});

test('server down: the probe cannot connect either, so the stream keeps reopening and says reconnecting', async () => {
  const { timers, sources, got, giveUp } = streamHarness(async () => {
    throw new TypeError('Failed to fetch');
  });
  sources[0].fire('open');
  sources[0].fire('error'); // the browser retries by itself (readyState CONNECTING)
  assert.deepEqual(got, [OPEN, RECONNECTING]);
  assert.equal(timers.length, 0, 'no reopen of our own while the browser retries');
  giveUp(sources[0]);
  await until(() => timers.length === 1);
  timers[0].run();
  giveUp(sources[1]);
  await until(() => timers.length === 2);
  assert.equal(sources.length, 2);
  assert.deepEqual(got, [OPEN, RECONNECTING], 'still reconnecting, never unauthorized');
});

test('server down before the stream ever opened: it says reconnecting too, and then open once it connects', () => {
  const { sources, got, timers } = streamHarness(async () => jsonResponse({ ok: true, value: null }));
  sources[0].fire('error'); // connection refused: the browser retries by itself (readyState CONNECTING)
  sources[0].fire('error');
  assert.deepEqual(got, [RECONNECTING], 'said once');
  assert.equal(timers.length, 0, 'no reopen of our own while the browser retries');
  sources[0].fire('open');
  assert.deepEqual(got, [RECONNECTING, OPEN]);
});

test('a token refused after a restart: the stream stops for good and says unauthorized once', async () => {
  const { client, timers, sources, got, giveUp } = streamHarness(async () => new Response('{"ok":false}', { status: 401 }));
  sources[0].fire('open');
  sources[0].fire('error');
  giveUp(sources[0]);
  await until(() => got.length === 3);
  assert.deepEqual(got, [OPEN, RECONNECTING, UNAUTHORIZED]);
  await assert.rejects(client.listDeliveries({}), { code: 'unauthorized' });
  await tick();
  assert.equal(timers.length, 0, 'nothing is retried');
  assert.equal(sources.length, 1, 'no new EventSource');
  assert.equal(got.length, 3, 'reported once');
  const late: ClientEvent[] = [];
  client.subscribe((e) => late.push(e));
  assert.deepEqual(late, [UNAUTHORIZED], 'a later subscriber learns it at once');
  assert.equal(sources.length, 1, 'and opens nothing');
});

test('an API call refused with 401 closes an open stream and reports unauthorized', async () => {
  let status = 200;
  const { client, sources, got } = streamHarness(async () => (status === 401 ? new Response('', { status }) : jsonResponse({ ok: true, value: null })));
  sources[0].fire('open');
  await client.getStatus({});
  assert.equal(sources[0].closed, false);
  status = 401;
  await assert.rejects(client.getStatus({}), { code: 'unauthorized' });
  assert.equal(sources[0].closed, true);
  assert.deepEqual(got, [OPEN, UNAUTHORIZED]);
  sources[0].fire('error');
  assert.deepEqual(got, [OPEN, UNAUTHORIZED], 'the closed stream reports nothing more');
});
