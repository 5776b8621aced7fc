/** Issue 5: over the tunnel listener X-Forwarded-For decides source-ip; over the direct listener it changes nothing. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../../../electron/core/create-core';
import { blackboxEvent } from '../../../helpers/blackbox-event';

const SECRET = 'tunnel-secret-0123456789abcdef0123456';
let core: Core;
let dir = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hookscope-tunnel-it-'));
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({
    sources: [{ id: 'blackbox', provider: 'blackbox', secrets: ['env:BB'], allowIps: ['52.202.195.162/32'], rateLimit: null }],
    tunnel: { enabled: true, authtoken: null, domain: null },
  }));
  core = await createCore({ dataDir: dir, configPath, receiverPort: 0, tunnel: 'fake', env: { BB: SECRET, HOOKSCOPE_DATA_KEY: Buffer.alloc(32, 5).toString('base64') }, log: () => undefined });
  await core.tunnelReady;
});
after(async () => {
  await core.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function post(base: string, headers: Record<string, string>) {
  const e = blackboxEvent(SECRET);
  const res = await fetch(`${base}/hooks/blackbox`, { method: 'POST', headers: { ...e.headers, ...headers }, body: e.body });
  const id = res.headers.get('x-hookscope-delivery-id');
  assert.ok(id);
  return { status: res.status, detail: await core.api.getDelivery({ id }) };
}
const check = (d: { checks: Array<{ id: string; code: string; outcome: string; detail: Record<string, unknown> }> }, id: string) => d.checks.find((c) => c.id === id)!;

test('the fake tunnel is online and getStatus gives every source its public URL', async () => {
  const status = await core.api.getStatus({});
  assert.equal(status.tunnel.state, 'online');
  assert.match(status.sources[0].publicUrl ?? '', /^https:\/\/[a-z0-9-]+\.fake-tunnel\.test\/hooks\/blackbox$/);
});

test('via the tunnel listener, X-Forwarded-For decides source-ip and X-Forwarded-Proto passes transport', async () => {
  const tunnel = `http://${core.tunnelListener}`;
  const allowed = await post(tunnel, { 'x-forwarded-for': '52.202.195.162', 'x-forwarded-proto': 'https' });
  assert.equal(allowed.status, 200);
  assert.equal(check(allowed.detail, 'source-ip').outcome, 'pass');
  assert.equal(check(allowed.detail, 'transport').outcome, 'pass');
  assert.equal(allowed.detail.clientIp, '52.202.195.162');
  const refused = await post(tunnel, { 'x-forwarded-for': '198.51.100.7', 'x-forwarded-proto': 'https' });
  assert.equal(refused.status, 403);
  assert.equal(check(refused.detail, 'source-ip').code, 'not_allowed');
});

test('via the tunnel, spoofed leading entries are ignored: the tunnel appends the real values last', async () => {
  const tunnel = `http://${core.tunnelListener}`;
  // what the tunnel forwards when the caller itself sent X-Forwarded-For / X-Forwarded-Proto
  const spoofed = await post(tunnel, { 'x-forwarded-for': '52.202.195.162, 198.51.100.7', 'x-forwarded-proto': 'https, http' });
  assert.equal(spoofed.status, 403);
  assert.equal(spoofed.detail.clientIp, '198.51.100.7');
  assert.equal(check(spoofed.detail, 'source-ip').code, 'not_allowed');
  assert.equal(check(spoofed.detail, 'transport').code, 'plain_http');
  assert.equal(check(spoofed.detail, 'transport').outcome, 'fail');
});

test('on the direct listener the same headers change nothing', async () => {
  const direct = await post(core.receiverUrl, { 'x-forwarded-for': '52.202.195.162', 'x-forwarded-proto': 'https' });
  assert.equal(direct.status, 403);
  assert.equal(check(direct.detail, 'source-ip').code, 'not_allowed');
  assert.equal(check(direct.detail, 'source-ip').detail.forwardedForIgnored, true);
  assert.equal(check(direct.detail, 'transport').code, 'plain_http');
});

test('setTunnel off and on again pushes statuses and writes the audit log', async () => {
  const seen: string[] = [];
  const unsubscribe = core.events.subscribe((e) => {
    if (e.type === 'tunnelStatusChanged') seen.push((e.payload as { state: string }).state);
  });
  assert.equal((await core.api.setTunnel({ enabled: false })).state, 'off');
  assert.equal((await core.api.setTunnel({ enabled: true })).state, 'online');
  unsubscribe();
  assert.deepEqual(seen, ['off', 'connecting', 'online']);
  const audit = (await core.api.listAudit({ limit: 10 })).items.map((i) => i.action);
  assert.ok(audit.includes('tunnel_stopped') && audit.includes('tunnel_started'), audit.join(','));
});
