/**
 * A client that goes away in the middle of its body (read-body.ts: 'error' / 'close' before the end):
 * nobody waits for an answer, the evidence is still recorded, and the receiver goes on serving.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { connect } from 'node:net';
import { send, startFixture, type Fixture } from '../../../helpers/serve-fixture';

const SECRET = 'blackbox-secret-client-gone-0123456789';
let fx: Fixture;
before(async () => {
  fx = await startFixture({ sources: [{ id: 'bb', provider: 'blackbox', secrets: ['env:BB'], rateLimit: null }] }, { BB: SECRET });
});
after(() => fx.close());

function halfABody(path: string, marker: string): Promise<void> {
  const port = Number(new URL(fx.receiver).port);
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{"marker":"${marker}","pad":"`);
      // the first part reaches the receiver before the connection is cut
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 100);
    });
    socket.on('error', reject);
  });
}

async function listedWithin(ms: number, sourceId: string, count: number): Promise<number> {
  const until = Date.now() + ms;
  for (;;) {
    const { items } = await fx.api('listDeliveries', { sourceId });
    if (items.length >= count || Date.now() > until) return items.length;
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a body cut off by the client is recorded, and the next request is answered', async () => {
  await halfABody('/hooks/bb', 'gone-1');
  await halfABody('/hooks/nowhere', 'gone-2');
  assert.equal(await listedWithin(10_000, 'bb', 1), 1, 'the cut-off delivery to a source is listed');
  assert.equal(await listedWithin(10_000, 'unmatched', 1), 1, 'and the one to an unknown path');
  const body = JSON.stringify({ event: 'CompletedWebHookPayload', eventId: 'after-gone', timestamp: new Date().toISOString() });
  const res = await send(`${fx.receiver}/hooks/bb`, { headers: { 'content-type': 'application/json', 'x-blackbox-signature': createHmac('sha256', SECRET).update(body).digest('hex') }, body });
  assert.equal(res.status, 200);
});
