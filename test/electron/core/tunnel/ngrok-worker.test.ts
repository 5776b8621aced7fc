/**
 * The SDK thread's protocol (ngrok-worker-source.ts + ngrok-provider.ts) driven through a stub SDK
 * (fixtures/stub-ngrok-sdk.cjs): the paths that need a real ngrok account — online, domain, drop,
 * close — without network. If a thread leaked, this file would never finish.
 */
import { after, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNgrokProvider, type NgrokProviderOptions } from '../../../../electron/core/tunnel/ngrok-provider';
import { TunnelError } from '../../../../electron/core/tunnel/tunnel-error';
import { flush, ManualTimers } from './manual-timers';

const STUB = fileURLToPath(new URL('./fixtures/stub-ngrok-sdk.cjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hookscope-tunnel-'));
const logFile = join(dir, 'calls.jsonl');
process.env.STUB_NGROK_LOG = logFile;

beforeEach(() => writeFileSync(logFile, ''));
after(() => rmSync(dir, { recursive: true, force: true }));

const calls = (): Array<Record<string, unknown>> =>
  readFileSync(logFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

function connect(authtoken: string, domain: string | null = null, options: NgrokProviderOptions = {}) {
  const provider = createNgrokProvider({ sdkPath: STUB, ...options });
  return provider.connect({ authtoken, domain, forwardTo: '127.0.0.1:5050', trustHeader: { name: 'x-hookscope-tunnel', value: 'per-run-secret' }, signal: new AbortController().signal });
}

test('online: a bare reserved domain, forwarding to the receiver, the edge told to replace the trust header; close() ends the session', async () => {
  const handle = await connect('online', 'https://hooks.example.com/');
  assert.equal(handle.url, 'https://hooks.example.com');
  assert.deepEqual(calls(), [
    { call: 'connect' },
    { call: 'removeRequestHeader', name: 'x-hookscope-tunnel' },
    { call: 'requestHeader', name: 'x-hookscope-tunnel', value: 'per-run-secret' },
    { call: 'listenAndForward', url: 'http://127.0.0.1:5050', domain: 'hooks.example.com' },
  ]);
  const closing = handle.close();
  assert.equal(handle.close(), closing, 'close() is idempotent');
  await closing;
  assert.equal(await handle.closed, null);
  assert.deepEqual(calls().at(-1), { call: 'close' });
});

test('online without a domain; serverAddr reaches the SDK', async () => {
  const handle = await connect('online', null, { serverAddr: '127.0.0.1:4443' });
  assert.equal(handle.url, 'https://stub-random.ngrok-free.app');
  assert.deepEqual(calls()[0], { call: 'serverAddr', addr: '127.0.0.1:4443' });
  assert.equal(calls()[4].domain, null);
  await handle.close();
});

test('a rejected authtoken → permanent invalid_authtoken, the token not in the message', async () => {
  await assert.rejects(connect('fail-105'), (error: unknown) => {
    assert.ok(error instanceof TunnelError);
    assert.equal(error.code, 'invalid_authtoken');
    assert.equal(error.permanent, true);
    assert.ok(!error.message.includes('fail-105'));
    return true;
  });
});

test('a domain that is not reserved → permanent domain_not_reserved naming it', async () => {
  await assert.rejects(connect('fail-319', 'hooks.example.com'), (error: unknown) => {
    assert.ok(error instanceof TunnelError);
    assert.equal(error.code, 'domain_not_reserved');
    assert.equal(error.message, 'The domain hooks.example.com is not reserved on your ngrok account: reserve it or leave the domain empty');
    return true;
  });
});

test('a drop after going online settles closed with a transient error; the SDK is told not to reconnect on its own', async () => {
  const handle = await connect('drop-after-online');
  const result = await handle.closed;
  assert.ok(result instanceof TunnelError);
  assert.equal(result.code, 'dropped');
  assert.equal(result.permanent, false);
  // after a drop, close() waits until the session is closed and the thread released
  await handle.close();
  assert.deepEqual(calls().find((c) => c.call === 'handler'), { call: 'handler', reconnect: false });
  assert.deepEqual(calls().at(-1), { call: 'close' });
});

test('a crash inside the SDK thread after going online is a drop, not a crash of the app', async () => {
  const handle = await connect('crash-after-online');
  const result = await handle.closed;
  assert.ok(result instanceof TunnelError);
  assert.equal(result.code, 'dropped');
});

test('close() does not wait forever for a session.close() that never answers', async () => {
  const timers = new ManualTimers();
  const handle = await connect('close-hangs', null, { closeGraceMs: 3000, timers });
  let done = false;
  const closing = handle.close().then(() => (done = true));
  while (!calls().some((c) => c.call === 'close')) await flush();
  await flush();
  assert.equal(done, false, 'still waiting for ngrok to confirm');
  await timers.advance(3000);
  await closing;
  assert.equal(await handle.closed, null);
  assert.equal(timers.size, 0);
});
