/**
 * The desktop joins a team workspace, with real processes: a team server (`hookscope serve --store
 * postgres://…` on the embedded PostgreSQL) and a local instance (the embedded SQLite store) connected to it
 * through its own API, as the UI does in both transports. A delivery sent to the team's receiver reaches
 * the local stream and list; a replay from the workspace is prepared by the team server and sent by the
 * local instance to a dev server on loopback, where Stripe's official SDK verifies it. Wrong tokens, bad
 * addresses and the viewer role answer clear errors; the token is in no answer and no plain file.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DeliveryDetail, DeliveryPage, HookscopeEvent, WorkspaceInfo } from '../../../../shared/api';
import { createTokenAdmin } from '../../../../electron/core/api/team-token-admin';
import { createApiClient, type Subscription } from '../../../../electron/core/cli/api-client';
import { apiResult, startChildServe, type ApiEnvelope, type ChildServe } from '../../../helpers/child-serve';
import { capturedCases, type CapturedCase } from '../../../helpers/captured-events';
import { filesUnder } from '../../../helpers/files-under';
import { nodeCryptoPort } from '../../../helpers/node-crypto-port';
import { signRequest } from '../../../../shared/verify/signer';
import { startTestPostgres, type TestPostgres } from '../../../helpers/postgres';
import { startSdkDevServer, type SdkDevServer } from '../forward/sdk-dev-server';

const STRIPE = capturedCases(Date.now(), 'http://team.invalid').find((c) => c.name === 'stripe') as CapturedCase;

async function value<T>(ui: string, method: string, args: unknown, token?: string): Promise<T> {
  const r = await apiResult<T>(ui, method, args, token);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

function failure(r: ApiEnvelope<unknown>): { code: string; message: string } {
  assert.equal(r.ok, false, `expected an error, got ${JSON.stringify(r).slice(0, 300)}`);
  return (r as { error: { code: string; message: string } }).error;
}

async function until<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms (last: ${String(JSON.stringify(v)).slice(0, 300)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** the Stripe delivery as Stripe sent it, signed just now, to the team's receiver */
async function sendStripe(receiver: string, id: string): Promise<number> {
  const body = Buffer.from(STRIPE.body).toString('utf8').replace('evt_1PeerStripe', id);
  const signed = signRequest({ provider: 'stripe', secret: STRIPE.secret, body: new TextEncoder().encode(body), contentType: 'application/json', url: `${receiver}/hooks/stripe`, now: Date.now() }, nodeCryptoPort);
  const res = await fetch(`${receiver}/hooks/stripe`, { method: 'POST', headers: signed.headers.filter(([n]) => n.toLowerCase() !== 'host'), body: Buffer.from(signed.body) });
  await res.arrayBuffer();
  return res.status;
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('the desktop joins a team workspace', { timeout: 600_000 }, () => {
  let pgServer: TestPostgres;
  let dbUrl: string;
  let root: string;
  let team: ChildServe;
  let local: ChildServe;
  let dev: SdkDevServer;
  let member: string;
  let viewer: string;
  let teamBase: string;
  const localKey = randomBytes(32).toString('base64');
  const localDir = () => join(root, 'local');
  const teamKey = randomBytes(32).toString('base64');
  /** uiPort: the same address again after a restart (the last --ui-port wins) */
  const startTeam = (uiPort = 0) =>
    startChildServe(['--store', dbUrl, '--data-dir', join(root, 'team'), '--config', join(root, 'team.json'), '--ui-port', String(uiPort)], {
      HOOKSCOPE_DATA_KEY: teamKey,
      STRIPE_SECRET: STRIPE.secret,
      HOOKSCOPE_CLI: 'src',
    });
  const startLocal = () =>
    startChildServe(['--data-dir', localDir(), '--config', join(root, 'local.json')], { HOOKSCOPE_DATA_KEY: localKey, HOOKSCOPE_CLI: 'src' });

  before(async () => {
    pgServer = await startTestPostgres();
    dbUrl = await pgServer.createDatabase();
    root = mkdtempSync(join(tmpdir(), 'hookscope-ws-'));
    dev = await startSdkDevServer([STRIPE], 'http://team.invalid');
    writeFileSync(join(root, 'team.json'), JSON.stringify({ sources: [{ id: 'stripe', provider: 'stripe', secrets: ['env:STRIPE_SECRET'] }] }));
    // the person's own dev server, as their local source forwards to it
    writeFileSync(join(root, 'local.json'), JSON.stringify({ sources: [{ id: 'stripe', forward: { url: dev.url(STRIPE), auto: false } }] }));
    team = await startTeam();
    teamBase = new URL(team.ui).origin;
    const pool = new pg.Pool({ connectionString: dbUrl, max: 1 });
    const admin = createTokenAdmin(pool);
    member = (await admin.create('mia', 'member')).token;
    viewer = (await admin.create('vera', 'viewer')).token;
    await pool.end();
    local = await startLocal();
  });

  after(async () => {
    for (const r of [local, team]) {
      if (r && r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGTERM');
      if (r) await Promise.race([r.exited, new Promise((res) => setTimeout(res, 15_000))]);
    }
    await dev?.close();
    await pgServer?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses a bad address, an unreachable server and a wrong token, naming the field', async () => {
    const remoteHttp = failure(await apiResult(local.ui, 'connectWorkspace', { url: 'http://hookscope.example.com', token: member }));
    assert.equal(remoteHttp.code, 'invalid_argument');
    assert.match(remoteHttp.message, /^url: use https:\/\/ for a workspace on another machine/);
    const withToken = failure(await apiResult(local.ui, 'connectWorkspace', { url: `${teamBase}/?token=${member}`, token: member }));
    assert.match(withToken.message, /^url: leave \?token=… out of the address/);
    assert.ok(!withToken.message.includes(member), 'the error does not echo the token');

    const down = failure(await apiResult(local.ui, 'connectWorkspace', { url: `http://127.0.0.1:${await closedPort()}`, token: member }));
    assert.equal(down.code, 'workspace_unreachable');
    assert.match(down.message, /^url: no answer from the workspace at 127\.0\.0\.1:\d+/);

    const wrong = `hks_${randomBytes(32).toString('base64url')}`;
    const refused = failure(await apiResult(local.ui, 'connectWorkspace', { url: teamBase, token: wrong }));
    assert.equal(refused.code, 'workspace_token_refused');
    assert.match(refused.message, /^token: the workspace at 127\.0\.0\.1:\d+ refused this token/);
    assert.ok(!refused.message.includes(wrong));
    assert.equal((await value<WorkspaceInfo>(local.ui, 'getWorkspace', {})).state, 'off', 'nothing is connected after a refusal');
    assert.ok(!existsSync(join(localDir(), 'workspace.json')), 'nothing is saved after a refusal');
  });

  it('connects with a member token: the shared history is listed and live on the local stream', async () => {
    const connected = await value<WorkspaceInfo>(local.ui, 'connectWorkspace', { url: `${teamBase}/`, token: member, name: 'Acme staging' });
    assert.deepEqual({ ...connected, state: undefined, message: undefined }, { url: teamBase, name: 'Acme staging', person: 'mia', role: 'member', replayTarget: null, state: undefined, message: undefined });
    await until('the workspace is online', () => value<WorkspaceInfo>(local.ui, 'getWorkspace', {}), (w) => w.state === 'online');

    const seen: HookscopeEvent[] = [];
    const subscription: Subscription = await createApiClient(new URL(local.ui).origin, new URL(local.ui).searchParams.get('token')!).subscribe((e) => seen.push(e));
    try {
      const sentAt = Date.now();
      assert.equal(await sendStripe(team.receiver, 'evt_live_1'), 200);
      const relayed = await until(
        'the delivery on the local stream',
        async () => seen.filter((e): e is HookscopeEvent<'workspaceEvent'> => e.type === 'workspaceEvent').find((e) => e.payload.event.type === 'deliveriesAdded'),
        (e) => e !== undefined,
        10_000,
      );
      assert.equal(relayed?.payload.workspace, teamBase);
      const bound = Date.now() - sentAt;
      assert.ok(bound < 10_000, `relayed ${bound} ms after the team acknowledged it`);
      assert.ok(!JSON.stringify(seen).includes(member.slice(4)), 'no event carries the token');
    } finally {
      subscription.close();
    }
    const page = await value<DeliveryPage>(local.ui, 'listWorkspaceDeliveries', { limit: 10 });
    assert.equal(page.items.length, 1);
    assert.equal(page.items[0].verdict, 'verified');
    const detail = await value<DeliveryDetail>(local.ui, 'getWorkspaceDelivery', { id: page.items[0].id });
    assert.match(detail.body, /evt_live_1/);
    assert.ok(!detail.body.includes('jane.doe@example.com'), 'the workspace shows the redacted body');
    const raw = await value<{ body: string }>(local.ui, 'revealWorkspaceRaw', { id: page.items[0].id });
    assert.match(raw.body, /jane\.doe@example\.com/, 'a member reveals the raw body, through this instance');
    const timeline = await value<{ total: number }>(local.ui, 'getWorkspaceTimeline', {});
    assert.equal(timeline.total, 1, `the workspace's timeline: ${JSON.stringify(timeline).slice(0, 300)}`);
    assert.equal((await value<{ sources: Array<{ id: string }> }>(local.ui, 'getWorkspaceStatus', {})).sources[0].id, 'stripe');
    assert.equal((await value<DeliveryPage>(local.ui, 'listDeliveries', {})).items.length, 0, 'the local store keeps its own history');
  });

  it('a replay from the workspace reaches the dev server on loopback from this instance and verifies with Stripe\'s SDK', async () => {
    const [first] = (await value<DeliveryPage>(local.ui, 'listWorkspaceDeliveries', { limit: 1 })).items;
    const before = dev.received.length;
    // no target given: the local source of the same id forwards to the dev server
    const attempt = await value<{ status: number; mode: string; target: string }>(local.ui, 'replayFromWorkspace', { id: first.id, mode: 'resign' });
    assert.equal(attempt.status, 200, JSON.stringify(attempt));
    assert.equal(attempt.mode, 'resign');
    assert.equal(dev.received.length, before + 1);
    const got = dev.received.at(-1)!;
    assert.equal(got.ok, true, `Stripe's SDK refused it: ${got.reason}`);
    assert.match(got.body.toString('utf8'), /"id": "evt_live_1"/, 'the event keeps its identity');

    const audit = await value<{ items: Array<{ action: string }> }>(local.ui, 'listAudit', { limit: 10 });
    assert.ok(audit.items.some((e) => e.action === 'request_sent'), 'the local instance sent it');
    const teamAudit = await value<{ items: Array<{ action: string; actor?: string | null }> }>(team.ui, 'listAudit', { limit: 10 });
    assert.ok(teamAudit.items.some((e) => e.action === 'copy_command' && e.actor === 'mia'), 'the workspace prepared it for mia');
  });

  it('the token is in no API answer and no file of the local data directory', async () => {
    const answers = await Promise.all(['getWorkspace', 'getConfig', 'getStatus', 'listAudit'].map((m) => value<unknown>(local.ui, m, {})));
    for (const answer of answers) assert.ok(!JSON.stringify(answer).includes(member), 'an API answer holds the token');
    const secretPart = member.slice(4);
    const saved = join(localDir(), 'workspace.json');
    assert.equal(statSync(saved).mode & 0o077, 0, 'workspace.json is readable by its owner only');
    assert.match(readFileSync(saved, 'utf8'), /"token": "enc:/);
    for (const file of filesUnder(localDir())) {
      const bytes = readFileSync(file);
      assert.ok(!bytes.includes(member) && !bytes.includes(secretPart), `${file} holds the token`);
    }
    assert.ok(!local.stderr().includes(secretPart), 'the log holds the token');
  });

  it('reconnects after a restart with the sealed token', async () => {
    local.child.kill('SIGTERM');
    await local.exited;
    local = await startLocal();
    const back = await until('online again', () => value<WorkspaceInfo>(local.ui, 'getWorkspace', {}), (w) => w.state === 'online' && w.person === 'mia');
    assert.equal(back.name, 'Acme staging');
    assert.equal((await value<DeliveryPage>(local.ui, 'listWorkspaceDeliveries', {})).items.length, 1);
  });

  it('the team server restarts: the link reconnects by itself and new deliveries show again', async () => {
    team.child.kill('SIGTERM');
    await team.exited;
    await until('the link notices', () => value<WorkspaceInfo>(local.ui, 'getWorkspace', {}), (w) => w.state === 'connecting');
    team = await startTeam(Number(new URL(teamBase).port));
    await until('online again', () => value<WorkspaceInfo>(local.ui, 'getWorkspace', {}), (w) => w.state === 'online', 60_000);
    assert.equal(await sendStripe(team.receiver, 'evt_after_restart'), 200);
    const page = await until('listed', () => value<DeliveryPage>(local.ui, 'listWorkspaceDeliveries', {}), (p) => p.items.length === 2);
    assert.equal(page.items[0].verdict, 'verified');
  });

  it('a viewer reads the workspace but its replay is refused there, with the role named', async () => {
    const info = await value<WorkspaceInfo>(local.ui, 'connectWorkspace', { url: teamBase, token: viewer, replayTarget: dev.url(STRIPE) });
    assert.equal(info.role, 'viewer');
    const [first] = (await value<DeliveryPage>(local.ui, 'listWorkspaceDeliveries', { limit: 1 })).items;
    const before = dev.received.length;
    const refused = failure(await apiResult(local.ui, 'replayFromWorkspace', { id: first.id, mode: 'resign' }));
    assert.equal(refused.code, 'forbidden');
    assert.match(refused.message, /^The workspace at 127\.0\.0\.1:\d+ answered: vera has the viewer role: copyReplayCommand needs the member or admin role/);
    assert.equal(dev.received.length, before, 'nothing was sent');
    assert.equal(failure(await apiResult(local.ui, 'revealWorkspaceRaw', { id: first.id })).code, 'forbidden', 'a viewer cannot reveal');
  });

  it('disconnects: no workspace, the saved token removed, calls say how to connect', async () => {
    const off = await value<WorkspaceInfo>(local.ui, 'disconnectWorkspace', {});
    assert.equal(off.state, 'off');
    assert.equal(off.url, null);
    assert.ok(!existsSync(join(localDir(), 'workspace.json')));
    const none = failure(await apiResult(local.ui, 'listWorkspaceDeliveries', {}));
    assert.equal(none.code, 'workspace_not_connected');
    assert.match(none.message, /connect one in Settings/);
  });
});
