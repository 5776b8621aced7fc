/**
 * The workspace's live stream stays open by itself: reopened after a failed open and after it ends,
 * given up only when the token is refused; a stream that goes silent (a laptop that slept wakes to a
 * dead socket) ends after the idle time, and an open the server never answers is given up, over real HTTP.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { HookscopeApi, HookscopeEvent } from '../../../../shared/api';
import { ApiCallError, createApiClient, type ApiConnection, type EventListener, type Subscription } from '../../../../electron/core/cli/api-client';
import { openWorkspaceStream, type StreamPhase } from '../../../../electron/core/workspace/workspace-stream';

test('reopens after a failed open and after the stream ends; stops when the token is refused', async () => {
  let endStream: () => void = () => undefined;
  let listener: EventListener | null = null;
  const script: Array<() => Promise<Subscription>> = [
    async () => {
      throw new ApiCallError('network', 'down');
    },
    async () => ({ close: () => undefined, ended: new Promise<void>((resolve) => (endStream = resolve)) }),
    async () => {
      throw new ApiCallError('unauthorized', 'refused');
    },
  ];
  const connection: ApiConnection = {
    api: {} as HookscopeApi,
    subscribe: (l) => {
      listener = l;
      const next = script.shift();
      return next ? next() : new Promise<Subscription>(() => undefined);
    },
  };
  const phases: StreamPhase[] = [];
  const events: HookscopeEvent[] = [];
  const done = new Promise<void>((resolve) => {
    openWorkspaceStream(connection, (e) => events.push(e), (p) => {
      phases.push(p);
      if (p.phase === 'online') {
        listener?.({ type: 'configChanged', payload: {} });
        endStream();
      }
      if (p.phase === 'refused') resolve();
    });
  });
  await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`phases so far: ${JSON.stringify(phases)}`)), 15_000))]);
  assert.deepEqual(phases, [
    { phase: 'connecting', retryInMs: null },
    { phase: 'connecting', retryInMs: 1000 },
    { phase: 'connecting', retryInMs: null },
    { phase: 'online' },
    { phase: 'connecting', retryInMs: null },
    { phase: 'refused' },
  ]);
  assert.deepEqual(events, [{ type: 'configChanged', payload: {} }]);
  assert.equal(script.length, 0, 'no open after the refusal');
});

test('a stream that goes silent past the idle time ends, so it can be reopened', async () => {
  const open: ServerResponse[] = [];
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(': connected\n\n');
    open.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  try {
    const started = Date.now();
    const subscription = await createApiClient(`http://127.0.0.1:${port}`, 'token', { streamIdleMs: 400 }).subscribe(() => undefined);
    await Promise.race([subscription.ended, new Promise((_, reject) => setTimeout(() => reject(new Error('the silent stream did not end')), 10_000))]);
    assert.ok(Date.now() - started >= 400, 'not before the idle time');
  } finally {
    for (const res of open) res.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('an open the instance never answers is given up after the open time (the stream then tries again)', async () => {
  // takes the connection and the request, never answers
  const held: ServerResponse[] = [];
  const server = createServer((_req, res) => void held.push(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  try {
    const connection = createApiClient(`http://127.0.0.1:${port}`, 'token', { streamOpenMs: 300 });
    const started = Date.now();
    await assert.rejects(connection.subscribe(() => undefined), (e: unknown) => e instanceof ApiCallError && e.code === 'network' && /no answer within/.test(e.message));
    assert.ok(Date.now() - started < 10_000, 'given up at the open time, not left waiting');
    assert.equal(held.length, 1, 'the request reached the server');
  } finally {
    for (const res of held) res.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
