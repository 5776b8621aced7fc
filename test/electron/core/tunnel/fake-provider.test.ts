import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeTunnelProvider } from '../../../../electron/core/tunnel/fake-provider';
import { TunnelError, tunnelErrors } from '../../../../electron/core/tunnel/tunnel-error';

const options = (over: Partial<{ authtoken: string; domain: string | null; signal: AbortSignal }> = {}) => ({
  authtoken: 'authtoken-1234',
  domain: null,
  forwardTo: '127.0.0.1:4040',
  trustHeader: { name: 'x-hookscope-tunnel', value: 'fake-secret' },
  signal: new AbortController().signal,
  ...over,
});

test('goes online at a random https://<label>.fake-tunnel.test, or at the domain', async () => {
  const provider = createFakeTunnelProvider();
  const a = await provider.connect(options());
  const b = await provider.connect(options());
  assert.match(a.url, /^https:\/\/[0-9a-f]{8}\.fake-tunnel\.test$/);
  assert.notEqual(a.url, b.url);
  assert.equal((await provider.connect(options({ domain: 'hooks.example.com' }))).url, 'https://hooks.example.com');
  assert.deepEqual(
    provider.calls.map((c) => [c.domain, c.forwardTo, c.hadAuthtoken]),
    [
      [null, '127.0.0.1:4040', true],
      [null, '127.0.0.1:4040', true],
      ['hooks.example.com', '127.0.0.1:4040', true],
    ],
  );
});

test('scripted outcomes run in order: fail, online, hang', async () => {
  const provider = createFakeTunnelProvider({ randomLabel: () => 'fixed' });
  provider.script({ kind: 'fail', error: tunnelErrors.invalidAuthtoken() }, { kind: 'online', url: 'https://x.test' }, { kind: 'hang' });
  await assert.rejects(provider.connect(options()), (e: unknown) => e instanceof TunnelError && e.code === 'invalid_authtoken');
  assert.equal((await provider.connect(options())).url, 'https://x.test');
  const hanging = provider.connect(options());
  assert.equal(provider.hanging(), 1);
  provider.settleHanging();
  assert.equal((await hanging).url, 'https://fixed.fake-tunnel.test');
  assert.equal(provider.hanging(), 0);
  assert.throws(() => provider.settleHanging(), /no hanging connect/);
});

test('a hang that honours abort rejects when aborted', async () => {
  const provider = createFakeTunnelProvider();
  provider.script({ kind: 'hang', honorAbort: true });
  const controller = new AbortController();
  const pending = provider.connect(options({ signal: controller.signal }));
  controller.abort();
  await assert.rejects(pending, (e: unknown) => e instanceof TunnelError && e.code === 'cancelled');
  assert.equal(provider.hanging(), 0);
});

test('handles: drop() settles closed with the error, close() with null, once', async () => {
  const provider = createFakeTunnelProvider();
  await provider.connect(options());
  await provider.connect(options());
  const [a, b] = provider.handles;
  assert.equal(provider.current(), b);
  b.drop();
  const dropped = await b.closed;
  assert.ok(dropped instanceof TunnelError && dropped.code === 'dropped');
  assert.equal(provider.current(), a);
  await a.close();
  a.drop();
  assert.equal(await a.closed, null);
  assert.equal(provider.current(), null);
});

test('no authtoken is refused like the real provider', async () => {
  const provider = createFakeTunnelProvider();
  await assert.rejects(provider.connect(options({ authtoken: '' })), (e: unknown) => e instanceof TunnelError && e.code === 'no_authtoken');
});
