/** docs/architecture.md "Reliability and security guarantees": slow clients (headers trickled) cannot exhaust the receiver. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type Socket } from 'node:net';
import { createCore } from '../../../../electron/core/create-core';

test('trickled headers are cut off by the header timeout while normal requests are still served', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-slow-'));
  const core = await createCore({
    dataDir: dir,
    receiverPort: 0,
    tunnel: 'off',
    env: { HOOKSCOPE_DATA_KEY: Buffer.alloc(32, 1).toString('base64') },
    log: () => undefined,
    receiverTimeouts: { headersMs: 600, requestMs: 1500 },
  });
  const port = Number(new URL(core.receiverUrl).port);
  const sockets: Socket[] = [];
  try {
    const closedAt = await Promise.all(
      Array.from({ length: 20 }, () =>
        new Promise<number>((resolve) => {
          const started = Date.now();
          const socket = connect(port, '127.0.0.1', () => socket.write('POST /hooks/x HTTP/1.1\r\nHost: a\r\n'));
          sockets.push(socket);
          const drip = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 100);
          socket.on('close', () => {
            clearInterval(drip);
            resolve(Date.now() - started);
          });
          socket.on('error', () => undefined);
        }),
      ),
    );
    // Every trickling socket was closed by the server (none is still open), and meanwhile it answered.
    assert.equal(closedAt.length, 20);
    assert.ok(sockets.every((s) => s.destroyed || s.readableEnded));
    const health = await fetch(`${core.receiverUrl}/healthz`);
    assert.equal(health.status, 200);
  } finally {
    sockets.forEach((s) => s.destroy());
    await core.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
