import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TunnelStatus } from '../../../../shared/api';
import { createTunnel, DISABLED_MESSAGE } from '../../../../electron/core/tunnel/create-tunnel';
import { createFakeTunnelProvider } from '../../../../electron/core/tunnel/fake-provider';
import { ManualTimers } from './manual-timers';

function wiring(mode: 'real' | 'fake' | 'off', authtoken: string | null = null) {
  const statuses: TunnelStatus[] = [];
  const audit: Array<[string, Record<string, unknown>]> = [];
  const timers = new ManualTimers();
  const tunnel = createTunnel({
    mode,
    forwardTo: () => '127.0.0.1:4040',
    authtoken: () => authtoken,
    domain: () => null,
    onStatus: (s) => statuses.push(s),
    audit: (action, detail) => audit.push([action, detail]),
    timers,
  });
  return { tunnel, statuses, audit, timers };
}

test('fake mode goes online without an authtoken (demos, end-to-end tests); start/stop are audited', async () => {
  const { tunnel, audit, timers } = wiring('fake');
  assert.equal(tunnel.publicUrl(), null);
  const status = await tunnel.start();
  assert.equal(status.state, 'online');
  assert.match(status.url ?? '', /^https:\/\/[0-9a-f]{8}\.fake-tunnel\.test$/);
  assert.equal(tunnel.publicUrl(), status.url);
  await tunnel.start();
  assert.equal((await tunnel.stop()).state, 'off');
  await tunnel.stop();
  assert.equal(tunnel.publicUrl(), null);
  assert.deepEqual(audit, [
    ['tunnel_started', { provider: 'fake', domain: null }],
    ['tunnel_stopped', { provider: 'fake' }],
  ]);
  assert.equal(timers.size, 0);
});

test('real mode without an authtoken: the clear message, nothing started', async () => {
  const { tunnel, statuses } = wiring('real');
  const message = 'No ngrok authtoken: paste yours into Settings → Tunnel → ngrok authtoken (copy it from your ngrok dashboard), or set NGROK_AUTHTOKEN';
  assert.deepEqual(await tunnel.start(), { state: 'error', url: null, message });
  assert.deepEqual(statuses, [{ state: 'error', url: null, message }]);
  assert.equal((await tunnel.stop()).state, 'off');
});

test('off mode: always off, says why', async () => {
  const { tunnel, statuses, audit } = wiring('off');
  const off = { state: 'off', url: null, message: DISABLED_MESSAGE };
  assert.deepEqual(await tunnel.start(), off);
  assert.deepEqual(await tunnel.restart(), off);
  assert.deepEqual(await tunnel.stop(), off);
  assert.deepEqual(statuses, []);
  assert.deepEqual(audit, []);
});

test('an injected provider is used; restart() reconnects', async () => {
  const provider = createFakeTunnelProvider();
  provider.script({ kind: 'online', url: 'https://one.test' }, { kind: 'online', url: 'https://two.test' });
  const tunnel = createTunnel({
    mode: 'real',
    provider,
    forwardTo: () => '127.0.0.1:4040',
    authtoken: () => 'authtoken-1234',
    domain: () => null,
    onStatus: () => undefined,
    timers: new ManualTimers(),
  });
  assert.equal((await tunnel.restart()).url, 'https://one.test');
  assert.equal((await tunnel.restart()).url, 'https://two.test');
  assert.equal(provider.handles[0].isClosed, true);
  await tunnel.stop();
});
