import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TunnelState, TunnelStatus } from '../../../../shared/api';
import { createFakeTunnelProvider } from '../../../../electron/core/tunnel/fake-provider';
import { createTunnelManager, type TunnelManagerOptions } from '../../../../electron/core/tunnel/tunnel-manager';
import { tunnelErrors } from '../../../../electron/core/tunnel/tunnel-error';
import { flush, ManualTimers } from './manual-timers';

const OFF = 'Tunnel off: turn it on in Settings (or start with --tunnel) to get a public HTTPS URL';
const CONNECTING = 'Connecting to ngrok…';
const online = (url: string): TunnelStatus => ({
  state: 'online',
  url,
  message: `Online: paste ${url}/hooks/<source-id> into your provider's dashboard`,
});
const st = (state: TunnelState, message: string): TunnelStatus => ({ state, url: null, message });
const UNREACHABLE = 'Cannot reach ngrok: check your internet connection or proxy';

function setup(overrides: Partial<TunnelManagerOptions> = {}) {
  const timers = new ManualTimers();
  const provider = createFakeTunnelProvider();
  const statuses: TunnelStatus[] = [];
  const manager = createTunnelManager({
    provider,
    timers,
    getAuthtoken: () => 'authtoken-1234',
    getDomain: () => null,
    forwardTo: () => '127.0.0.1:4040',
    onStatus: (s) => statuses.push(s),
    ...overrides,
  });
  return { timers, provider, statuses, manager };
}

test('off → connecting → online → (drop) → connecting → online → stop() → off, no timers left', async () => {
  const { timers, provider, statuses, manager } = setup();
  assert.deepEqual(manager.status(), st('off', OFF));
  provider.script({ kind: 'online', url: 'https://a.fake-tunnel.test' }, { kind: 'online', url: 'https://b.fake-tunnel.test' });

  assert.deepEqual(await manager.start(), online('https://a.fake-tunnel.test'));
  assert.deepEqual(statuses, [st('connecting', CONNECTING), online('https://a.fake-tunnel.test')]);
  assert.equal(provider.calls[0].forwardTo, '127.0.0.1:4040');
  assert.equal(provider.calls[0].domain, null);
  assert.deepEqual(timers.delays(), [60_000], 'the connect timeout is cleared; only the backoff-reset timer runs');

  provider.current()!.drop();
  await flush();
  assert.deepEqual(statuses.at(-1), st('connecting', 'The tunnel connection to ngrok dropped: reconnecting in 1 s'));
  assert.deepEqual(timers.delays(), [1000]);

  await timers.advance(999);
  assert.equal(provider.calls.length, 1, 'waits the full second');
  await timers.advance(1);
  assert.deepEqual(statuses.slice(3), [st('connecting', CONNECTING), online('https://b.fake-tunnel.test')]);
  assert.deepEqual(manager.status(), online('https://b.fake-tunnel.test'));

  const b = provider.current()!;
  assert.deepEqual(await manager.stop(), st('off', OFF));
  assert.equal(b.isClosed, true);
  assert.deepEqual(statuses.at(-1), st('off', OFF));
  assert.equal(statuses.length, 6);
  assert.equal(timers.size, 0);
});

test('connect timeout → error with a message, then a retry; a connection arriving late is closed', async () => {
  const { timers, provider, statuses, manager } = setup({ connectTimeoutMs: 15_000 });
  provider.script({ kind: 'hang' }, { kind: 'online', url: 'https://c.fake-tunnel.test' });

  const started = manager.start();
  await flush();
  assert.deepEqual(statuses, [st('connecting', CONNECTING)]);
  assert.deepEqual(timers.delays(), [15_000]);

  await timers.advance(15_000);
  const timedOut = st('error', 'ngrok did not answer within 15 s: check your internet connection or proxy (retrying in 1 s)');
  assert.deepEqual(await started, timedOut);
  assert.deepEqual(statuses.at(-1), timedOut);
  assert.equal(provider.calls[0].signal.aborted, true, 'the attempt is aborted so the provider can release it');

  provider.settleHanging({ url: 'https://late.fake-tunnel.test' });
  await flush();
  const late = provider.handles.find((h) => h.url === 'https://late.fake-tunnel.test')!;
  assert.equal(late.isClosed, true, 'the late tunnel is closed, not adopted');
  assert.deepEqual(manager.status(), timedOut);

  await timers.advance(1000);
  assert.deepEqual(statuses.slice(2), [st('connecting', CONNECTING), online('https://c.fake-tunnel.test')]);
  await manager.stop();
  assert.equal(timers.size, 0);
});

test('transient errors back off 1 s doubling to 60 s; going online resets the backoff', async () => {
  const { timers, provider, statuses, manager } = setup();
  const failures = 8;
  for (let i = 0; i < failures; i++) provider.script({ kind: 'fail', error: tunnelErrors.unreachable() });
  provider.script({ kind: 'online', url: 'https://d.fake-tunnel.test' });

  await manager.start();
  const waits: number[] = [];
  for (let i = 0; i < failures; i++) {
    assert.equal(manager.status().state, 'error');
    const [delay] = timers.delays();
    waits.push(delay);
    await timers.advance(delay);
  }
  assert.deepEqual(waits, [1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
  const errors = statuses.filter((s) => s.state === 'error').map((s) => s.message);
  assert.deepEqual(errors, [
    `${UNREACHABLE} (retrying in 1 s)`,
    `${UNREACHABLE} (retrying in 2 s)`,
    `${UNREACHABLE} (retrying in 4 s)`,
    `${UNREACHABLE} (retrying in 8 s)`,
    `${UNREACHABLE} (retrying in 16 s)`,
    `${UNREACHABLE} (retrying in 32 s)`,
    `${UNREACHABLE} (retrying in 60 s)`,
    `${UNREACHABLE} (retrying in 60 s)`,
  ]);
  assert.deepEqual(manager.status(), online('https://d.fake-tunnel.test'));

  // dropping right after going online (flapping) keeps backing off
  provider.script({ kind: 'online', url: 'https://d2.fake-tunnel.test' });
  provider.current()!.drop();
  await flush();
  assert.deepEqual(timers.delays(), [60_000]);
  await timers.advance(60_000);
  assert.deepEqual(manager.status(), online('https://d2.fake-tunnel.test'));

  // a tunnel that stayed up a minute resets the backoff
  await timers.advance(60_000);
  provider.current()!.drop();
  await flush();
  assert.deepEqual(statuses.at(-1), st('connecting', 'The tunnel connection to ngrok dropped: reconnecting in 1 s'));
  assert.deepEqual(timers.delays(), [1000]);
  await manager.stop();
  assert.equal(timers.size, 0);
});

test('permanent errors: error with what to do, no retry', async () => {
  const cases = [
    { error: tunnelErrors.invalidAuthtoken(), message: 'ngrok rejected the authtoken: copy it again from your ngrok dashboard into Settings → Tunnel → ngrok authtoken' },
    {
      error: tunnelErrors.domainNotReserved('hooks.example.com'),
      message: 'The domain hooks.example.com is not reserved on your ngrok account: reserve it or leave the domain empty',
    },
  ];
  for (const { error, message } of cases) {
    const { timers, provider, statuses, manager } = setup({ getDomain: () => 'hooks.example.com' });
    provider.script({ kind: 'fail', error });
    assert.deepEqual(await manager.start(), st('error', message));
    assert.deepEqual(statuses, [st('connecting', CONNECTING), st('error', message)]);
    assert.equal(timers.size, 0, 'no retry is scheduled');
    await timers.advance(10 * 60_000);
    assert.equal(provider.calls.length, 1);
    assert.equal(provider.calls[0].domain, 'hooks.example.com');
    await manager.stop();
  }
});

test('no authtoken: the clear message at once, the provider is never called', async () => {
  for (const token of [null, '', '   ']) {
    const { timers, provider, statuses, manager } = setup({ getAuthtoken: () => token });
    const message = 'No ngrok authtoken: paste yours into Settings → Tunnel → ngrok authtoken (copy it from your ngrok dashboard), or set NGROK_AUTHTOKEN';
    assert.deepEqual(await manager.start(), st('error', message));
    assert.deepEqual(statuses, [st('error', message)]);
    assert.equal(provider.calls.length, 0);
    assert.equal(timers.size, 0);
  }
});

test('start() again after a permanent error tries at once (e.g. once the authtoken is set)', async () => {
  let token: string | null = null;
  const { provider, manager } = setup({ getAuthtoken: () => token });
  assert.equal((await manager.start()).state, 'error');
  token = 'authtoken-1234';
  provider.script({ kind: 'online', url: 'https://e.fake-tunnel.test' });
  assert.deepEqual(await manager.start(), online('https://e.fake-tunnel.test'));
  await manager.stop();
});

test('start() while online changes nothing; while waiting for a retry it retries now', async () => {
  const { timers, provider, manager } = setup();
  provider.script({ kind: 'fail', error: tunnelErrors.unreachable() }, { kind: 'online', url: 'https://f.fake-tunnel.test' });
  assert.equal((await manager.start()).state, 'error');
  assert.deepEqual(timers.delays(), [1000]);
  assert.deepEqual(await manager.start(), online('https://f.fake-tunnel.test'));
  assert.deepEqual(timers.delays(), [60_000], 'the scheduled retry was cancelled');
  assert.deepEqual(await manager.start(), online('https://f.fake-tunnel.test'));
  assert.equal(provider.calls.length, 2);
  await manager.stop();
});

test('start() while connecting waits for the same attempt', async () => {
  const { provider, manager } = setup();
  provider.script({ kind: 'hang' });
  const first = manager.start();
  const second = manager.start();
  await flush();
  provider.settleHanging({ url: 'https://g.fake-tunnel.test' });
  assert.deepEqual(await first, online('https://g.fake-tunnel.test'));
  assert.deepEqual(await second, online('https://g.fake-tunnel.test'));
  assert.equal(provider.calls.length, 1);
  await manager.stop();
});

test('stop() while connecting aborts the attempt, settles start(), leaves no timers', async () => {
  const { timers, provider, statuses, manager } = setup();
  provider.script({ kind: 'hang', honorAbort: true });
  const started = manager.start();
  await flush();
  assert.deepEqual(await manager.stop(), st('off', OFF));
  assert.deepEqual(await started, st('off', OFF));
  assert.equal(provider.calls[0].signal.aborted, true);
  assert.equal(provider.hanging(), 0);
  assert.equal(timers.size, 0);
  assert.deepEqual(statuses, [st('connecting', CONNECTING), st('off', OFF)]);
});

test('stop() while the SDK ignores the abort: the late tunnel is closed and the status stays off', async () => {
  const { timers, provider, statuses, manager } = setup();
  provider.script({ kind: 'hang' });
  void manager.start();
  await flush();
  await manager.stop();
  provider.settleHanging({ url: 'https://late.fake-tunnel.test' });
  await flush();
  assert.equal(provider.handles[0].isClosed, true);
  assert.deepEqual(manager.status(), st('off', OFF));
  assert.deepEqual(statuses, [st('connecting', CONNECTING), st('off', OFF)]);
  assert.equal(timers.size, 0);
});

test('stop() during the reconnect wait cancels the reconnect', async () => {
  const { timers, provider, manager } = setup();
  await manager.start();
  provider.current()!.drop();
  await flush();
  assert.equal(timers.size, 1);
  await manager.stop();
  assert.equal(timers.size, 0);
  await timers.advance(120_000);
  assert.equal(provider.calls.length, 1);
  assert.deepEqual(manager.status(), st('off', OFF));
});

test('stop() when already off is a no-op; restart() closes then reconnects', async () => {
  const { provider, statuses, manager } = setup();
  assert.deepEqual(await manager.stop(), st('off', OFF));
  assert.equal(statuses.length, 0);
  provider.script({ kind: 'online', url: 'https://h1.fake-tunnel.test' }, { kind: 'online', url: 'https://h2.fake-tunnel.test' });
  await manager.start();
  const first = provider.current()!;
  assert.deepEqual(await manager.restart(), online('https://h2.fake-tunnel.test'));
  assert.equal(first.isClosed, true);
  await manager.stop();
});

test('the receiver not listening yet is a clear error; a provider that throws no TunnelError leaks nothing', async () => {
  const notReady = setup({
    forwardTo: () => {
      throw new Error('receiver not listening');
    },
  });
  assert.deepEqual(await notReady.manager.start(), st('error', 'The receiver is not listening yet: restart Hookscope'));
  assert.equal(notReady.provider.calls.length, 0);

  const broken = setup();
  broken.provider.script({ kind: 'fail', error: new TypeError('boom authtoken=authtoken-1234') });
  const status = await broken.manager.start();
  assert.equal(status.message, 'ngrok failed (TypeError): check status.ngrok.com or your ngrok dashboard (retrying in 1 s)');
  assert.ok(!JSON.stringify(broken.statuses).includes('authtoken-1234'));
  await broken.manager.stop();
});

test('status() and onStatus hand out copies', async () => {
  const { statuses, manager } = setup();
  await manager.start();
  const copy = manager.status();
  copy.url = 'https://evil.test';
  statuses[1].state = 'off';
  assert.equal(manager.status().state, 'online');
  assert.notEqual(manager.status().url, 'https://evil.test');
  await manager.stop();
});
