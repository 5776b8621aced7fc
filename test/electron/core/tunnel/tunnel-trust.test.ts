/**
 * Issue 13: X-Forwarded-* are believed only on requests that carry the running tunnel session's
 * secret header (what ngrok's edge adds; here the test plays the edge with the header the fake
 * provider was given). Anything else — no header, a guessed one, an old session's — is a direct client.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../../../electron/core/create-core';
import { createFakeTunnelProvider } from '../../../../electron/core/tunnel/fake-provider';
import { TUNNEL_TRUST_HEADER, createTunnelTrust } from '../../../../electron/core/tunnel/tunnel-trust';
import { blackboxEvent } from '../../../helpers/blackbox-event';

const SECRET = 'tunnel-secret-0123456789abcdef0123456';
const fake = createFakeTunnelProvider();
let core: Core;
let dir = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hookscope-tunnel-it-'));
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({
    sources: [{ id: 'blackbox', provider: 'blackbox', secrets: ['env:BB'], allowIps: ['52.202.195.162/32'], rateLimit: null }],
    tunnel: { enabled: true, authtoken: null, domain: null },
  }));
  core = await createCore({ dataDir: dir, configPath, receiverPort: 0, tunnel: 'fake', tunnelProvider: fake, env: { BB: SECRET, NGROK_AUTHTOKEN: 'x', HOOKSCOPE_DATA_KEY: Buffer.alloc(32, 5).toString('base64') }, log: () => undefined });
  await core.tunnelReady;
});
after(async () => {
  await core.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** the header ngrok's edge adds to every request of the current session */
const edge = (): Record<string, string> => {
  const { name, value } = fake.calls.at(-1)!.trustHeader;
  return { [name]: value };
};

async function post(headers: Record<string, string>) {
  const e = blackboxEvent(SECRET);
  const res = await fetch(`${core.receiverUrl}/hooks/blackbox`, { method: 'POST', headers: { ...e.headers, ...headers }, body: e.body });
  const id = res.headers.get('x-hookscope-delivery-id');
  assert.ok(id);
  return { status: res.status, detail: await core.api.getDelivery({ id }) };
}
const check = (d: { checks: Array<{ id: string; code: string; outcome: string; detail: Record<string, unknown> }> }, id: string) => d.checks.find((c) => c.id === id)!;
const headerNames = (d: { headers: Array<[string, string]> }) => d.headers.map(([n]) => n.toLowerCase());

test('the tunnel forwards to the receiver itself, with a per-session secret header', async () => {
  const call = fake.calls.at(-1)!;
  assert.equal(`http://${call.forwardTo}`, core.receiverUrl);
  assert.equal(call.trustHeader.name, TUNNEL_TRUST_HEADER);
  assert.ok(call.trustHeader.value.length >= 40, 'at least 256 random bits');
  const status = await core.api.getStatus({});
  assert.equal(status.tunnel.state, 'online');
});

test('with the session header, X-Forwarded-For decides source-ip and X-Forwarded-Proto passes transport; the secret is not stored', async () => {
  const allowed = await post({ ...edge(), 'x-forwarded-for': '52.202.195.162', 'x-forwarded-proto': 'https' });
  assert.equal(allowed.status, 200);
  assert.equal(check(allowed.detail, 'source-ip').outcome, 'pass');
  assert.equal(check(allowed.detail, 'transport').outcome, 'pass');
  assert.equal(allowed.detail.clientIp, '52.202.195.162');
  assert.ok(!headerNames(allowed.detail).includes(TUNNEL_TRUST_HEADER), 'the trust header is stripped before storage');
  assert.ok(!JSON.stringify(allowed.detail).includes(edge()[TUNNEL_TRUST_HEADER]));
  const refused = await post({ ...edge(), 'x-forwarded-for': '198.51.100.7', 'x-forwarded-proto': 'https' });
  assert.equal(refused.status, 403);
  assert.equal(check(refused.detail, 'source-ip').code, 'not_allowed');
});

test('through the tunnel, spoofed leading entries are ignored: the tunnel appends the real values last', async () => {
  const spoofed = await post({ ...edge(), 'x-forwarded-for': '52.202.195.162, 198.51.100.7', 'x-forwarded-proto': 'https, http' });
  assert.equal(spoofed.status, 403);
  assert.equal(spoofed.detail.clientIp, '198.51.100.7');
  assert.equal(check(spoofed.detail, 'transport').code, 'plain_http');
});

test('without the header, or with a guessed one, forwarded headers change nothing', async () => {
  const attempts: Array<Record<string, string>> = [{}, { [TUNNEL_TRUST_HEADER]: 'guess' }, { [TUNNEL_TRUST_HEADER]: '' }];
  for (const forged of attempts) {
    const direct = await post({ ...forged, 'x-forwarded-for': '52.202.195.162', 'x-forwarded-proto': 'https' });
    assert.equal(direct.status, 403, JSON.stringify(forged));
    assert.equal(check(direct.detail, 'source-ip').code, 'not_allowed');
    assert.equal(check(direct.detail, 'source-ip').detail.forwardedForIgnored, true);
    assert.equal(check(direct.detail, 'transport').code, 'plain_http');
    assert.ok(!headerNames(direct.detail).includes(TUNNEL_TRUST_HEADER));
  }
});

test('tunnel off: the last session header is worthless; on again: a new one', async () => {
  const old = edge();
  const seen: string[] = [];
  const unsubscribe = core.events.subscribe((e) => {
    if (e.type === 'tunnelStatusChanged') seen.push((e.payload as { state: string }).state);
  });
  assert.equal((await core.api.setTunnel({ enabled: false })).state, 'off');
  const whileOff = await post({ ...old, 'x-forwarded-for': '52.202.195.162', 'x-forwarded-proto': 'https' });
  assert.equal(whileOff.status, 403);
  assert.equal(check(whileOff.detail, 'transport').code, 'plain_http');
  assert.equal((await core.api.setTunnel({ enabled: true })).state, 'online');
  unsubscribe();
  assert.deepEqual(seen, ['off', 'connecting', 'online']);
  assert.notEqual(edge()[TUNNEL_TRUST_HEADER], old[TUNNEL_TRUST_HEADER]);
  assert.equal((await post({ ...old, 'x-forwarded-for': '52.202.195.162', 'x-forwarded-proto': 'https' })).status, 403);
  assert.equal((await post({ ...edge(), 'x-forwarded-for': '52.202.195.162', 'x-forwarded-proto': 'https' })).status, 200);
  const audit = (await core.api.listAudit({ limit: 10 })).items.map((i) => i.action);
  assert.ok(audit.includes('tunnel_stopped') && audit.includes('tunnel_started'), audit.join(','));
});

test('a dropped session revokes its secret (the manager reconnects with a new one)', async () => {
  const old = edge();
  const before = fake.calls.length;
  fake.current()!.drop();
  await new Promise((r) => setImmediate(r));
  assert.equal((await post({ ...old, 'x-forwarded-for': '52.202.195.162', 'x-forwarded-proto': 'https' })).status, 403);
  assert.equal(fake.calls.length, before, 'the reconnect waits for its backoff');
});

test('take(): every copy is stripped, wire order of the rest kept, case-insensitive', () => {
  const trust = createTunnelTrust();
  const headers = (): Array<[string, string]> => [['A', '1'], ['X-Hookscope-Tunnel', 'x'], ['B', '2'], ['x-hookscope-tunnel', 'y']];
  const none = headers();
  assert.equal(trust.take(none), false, 'no session: nothing trusted');
  assert.deepEqual(none, [['A', '1'], ['B', '2']]);
  const { value } = trust.issue();
  const one = headers();
  one.push(['X-HOOKSCOPE-TUNNEL', ` ${value} `]);
  assert.equal(trust.take(one), true);
  assert.deepEqual(one, [['A', '1'], ['B', '2']]);
  trust.issue();
  const stale: Array<[string, string]> = [['x-hookscope-tunnel', value]];
  assert.equal(trust.take(stale), false, 'a newer session replaces the secret');
});
