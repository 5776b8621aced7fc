import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StatusValue } from '../../shared/api';
import { createStatusStore } from '../../renderer/src/stores/status-store';
import { delivery, failing } from './fixtures';

const status: StatusValue = {
  receiverUrl: 'http://127.0.0.1:8787',
  tunnel: { state: 'off', url: null, message: 'Tunnel off' },
  sources: [
    { id: 'blackbox', name: 'BlackBox', provider: 'blackbox', environment: 'development', localUrl: 'http://127.0.0.1:8787/hooks/blackbox', publicUrl: null, counts: { total: 1, verified: 1, rejected: 0 } },
  ],
  version: '0.1.0',
  dataDir: '/tmp/x',
};

test('live deliveries update the per-source counts', async () => {
  const store = createStatusStore({ getStatus: async () => status, setTunnel: async () => status.tunnel });
  await store.getState().load();
  store.getState().receiveAdded([delivery(), failing('signature', 'no_matching_signature'), delivery({ sourceId: 'other' })]);
  assert.deepEqual(store.getState().status?.sources[0].counts, { total: 3, verified: 2, rejected: 1 });
});

test('toggleTunnel shows the new state or the error', async () => {
  let fail = false;
  const store = createStatusStore({
    getStatus: async () => status,
    setTunnel: async ({ enabled }) => {
      if (fail) throw new Error('No ngrok authtoken: paste yours into Settings → Tunnel → ngrok authtoken (copy it from your ngrok dashboard), or set NGROK_AUTHTOKEN');
      return { state: enabled ? 'online' : 'off', url: enabled ? 'https://x.ngrok.app' : null, message: '' };
    },
  });
  await store.getState().load();
  await store.getState().toggleTunnel(true);
  assert.equal(store.getState().status?.tunnel.state, 'online');
  fail = true;
  await store.getState().toggleTunnel(false);
  assert.match(store.getState().tunnelError ?? '', /NGROK_AUTHTOKEN/);
  assert.equal(store.getState().tunnelBusy, false);
});
