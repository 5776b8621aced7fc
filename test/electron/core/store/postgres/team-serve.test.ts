/**
 * Team mode end to end with real processes: `hookscope serve --store postgres://…` replicas on one
 * PostgreSQL (embedded, or HOOKSCOPE_TEST_PG_URL), real HTTP on loopback, a loopback dev server.
 * The "Done when": alternating deliveries listed complete and in order by either replica; one
 * event id on both → one verified, one duplicate; 200 forwards → each exactly once; a delivery taken
 * by A announced on B's stream within 1 s; an ordered source forwarded one at a time in receipt order
 * across both replicas; a config change through A applied on B within 1 s and kept in the database; kill -9 of a replica loses no acknowledged delivery; no
 * secret or raw personal value in a dump of the database; a viewer token cannot replay or change config.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createTokenAdmin } from '../../../../../electron/core/api/team-token-admin';
import { startChildServe, type ChildServe } from '../../../../helpers/child-serve';
import { dumpDatabase } from '../../../../helpers/pg-dump';
import { startTestPostgres, type TestPostgres } from '../../../../helpers/postgres';

const SECRET = 'ghsecret_TeamReplicaValue_7f3a9c';
const EMAIL = 'margot.quill@replica-mail.org';
const PHONE = '+14155550199';
const DATA_KEY = randomBytes(32).toString('base64');
/** a secret set through one replica's API (sealed in the team database, never in plain text) */
const SECRET_VIA_API = 'whsec_SetThroughReplicaA_5d1e8b';

interface Summary {
  id: string;
  eventType: string | null;
  verdict: string;
  duplicateOf: string | null;
  forward: { state: string } | null;
}

async function call<T>(ui: string, method: string, args: unknown, token?: string): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }> {
  const url = new URL(ui);
  const res = await fetch(`${url.origin}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token ?? url.searchParams.get('token')}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  return (await res.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
}

async function value<T>(ui: string, method: string, args: unknown, token?: string): Promise<T> {
  const r = await call<T>(ui, method, args, token);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
}

/** a GitHub-signed delivery; the event type names it in the list, the delivery header is its event id */
async function send(receiver: string, source: string, eventType: string, eventId: string, secret = SECRET): Promise<number> {
  const body = JSON.stringify({ action: 'opened', sender: { email: EMAIL, phone: PHONE }, n: eventType });
  const res = await fetch(`${receiver}/hooks/${source}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': eventType,
      'x-github-delivery': eventId,
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

/** reads a replica's event stream until `pattern` shows; `arrived` gives the time it did (at most 10 s, then fails) */
async function watchStream(ui: string, pattern: RegExp): Promise<{ arrived(what: string): Promise<number> }> {
  const controller = new AbortController();
  const url = new URL(ui);
  const stream = await fetch(`${url.origin}/api/stream?token=${url.searchParams.get('token')}`, { signal: controller.signal });
  assert.equal(stream.status, 200);
  const reader = stream.body!.getReader();
  let text = '';
  const seen = (async () => {
    const decoder = new TextDecoder();
    for (;;) {
      const { value: chunk, done } = await reader.read();
      if (done) throw new Error('the stream ended');
      text += decoder.decode(chunk, { stream: true });
      if (pattern.test(text)) return Date.now();
    }
  })();
  seen.catch(() => undefined);
  // the stream is subscribed before the caller acts
  await new Promise((r) => setTimeout(r, 300));
  return {
    arrived: (what) =>
      Promise.race([seen, new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`no ${what} within 10 s: ${text.slice(-300)}`)), 10_000))]).finally(() =>
        controller.abort(),
      ),
  };
}

async function listAll(ui: string, q: string): Promise<Summary[]> {
  return (await value<{ items: Summary[] }>(ui, 'listDeliveries', { q, limit: 500 })).items;
}

async function until<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms (last: ${JSON.stringify(v).slice(0, 300)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('team mode: serve replicas on one PostgreSQL', { timeout: 600_000 }, () => {
  let server: TestPostgres;
  let url: string;
  let root: string;
  let devServer: Server;
  const forwarded = new Map<string, number>();
  /** the ordered source's forwards in the order they reached the dev server (a failed one and its retry both) */
  const orderedArrivals: string[] = [];
  let orderedInFlight = 0;
  let orderedMaxInFlight = 0;
  const replicas: ChildServe[] = [];
  let a: ChildServe;
  let b: ChildServe;

  const startReplica = async (name: string): Promise<ChildServe> => {
    const r = await startChildServe(['--store', url, '--data-dir', join(root, name), '--config', join(root, 'config.json')], {
      HOOKSCOPE_DATA_KEY: DATA_KEY,
      GH_SECRET: SECRET,
      HOOKSCOPE_CLI: 'src',
    });
    replicas.push(r);
    return r;
  };

  before(async () => {
    server = await startTestPostgres();
    url = await server.createDatabase();
    root = mkdtempSync(join(tmpdir(), 'hookscope-team-'));
    devServer = createServer((req, res) => {
      const id = String(req.headers['x-github-delivery']);
      if (req.url === '/ordered') {
        orderedArrivals.push(id);
        orderedInFlight += 1;
        orderedMaxInFlight = Math.max(orderedMaxInFlight, orderedInFlight);
        // slow answers give a second sender the time to overlap; ord-4 fails its first attempt
        const failed = id === 'ord-4' && orderedArrivals.filter((x) => x === id).length === 1;
        req.resume();
        setTimeout(() => {
          orderedInFlight -= 1;
          res.statusCode = failed ? 500 : 200;
          res.end(failed ? 'try again' : 'ok');
        }, 40);
        return;
      }
      forwarded.set(id, (forwarded.get(id) ?? 0) + 1);
      req.resume();
      req.on('end', () => res.end('{"ok":true}'));
    });
    await new Promise<void>((resolve) => devServer.listen(0, '127.0.0.1', resolve));
    const devPort = (devServer.address() as { port: number }).port;
    writeFileSync(
      join(root, 'config.json'),
      JSON.stringify({
        sources: [
          { id: 'gh', provider: 'github', secrets: ['env:GH_SECRET'] },
          { id: 'fw', provider: 'github', secrets: ['env:GH_SECRET'], forward: { url: `http://127.0.0.1:${devPort}/webhooks` } },
          { id: 'ord', provider: 'github', secrets: ['env:GH_SECRET'], forward: { url: `http://127.0.0.1:${devPort}/ordered`, ordered: true } },
        ],
        redaction: { keys: ['email', 'phone'], detectors: ['email', 'phone'] },
      }),
    );
    a = await startReplica('a');
    b = await startReplica('b');
  });

  after(async () => {
    for (const r of replicas) {
      if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGTERM');
      await Promise.race([r.exited, new Promise((res) => setTimeout(res, 15_000))]);
    }
    await new Promise<void>((resolve) => devServer.close(() => resolve()));
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('deliveries sent alternately to both replicas are listed complete and in order by either', async () => {
    const sent: string[] = [];
    for (let i = 0; i < 30; i++) {
      const type = `alt.${i.toString().padStart(2, '0')}`;
      assert.equal(await send(i % 2 === 0 ? a.receiver : b.receiver, 'gh', type, `alt-${i}`), 200);
      sent.push(type);
    }
    const newestFirst = [...sent].reverse();
    for (const r of [a, b]) {
      const listed = await until('all 30 listed', () => listAll(r.ui, 'type:alt.*'), (items) => items.length >= 30);
      assert.deepEqual(listed.map((i) => i.eventType), newestFirst, 'newest first, none missing, none twice');
      assert.ok(listed.every((i) => i.verdict === 'verified' && i.duplicateOf === null));
    }
  });

  it('the same event id sent to both replicas: one verified delivery and one duplicate of it', async () => {
    const statuses = await Promise.all([send(a.receiver, 'gh', 'dup.both', 'evt-shared-1'), send(b.receiver, 'gh', 'dup.both', 'evt-shared-1')]);
    assert.deepEqual(statuses, [200, 200], 'both acknowledged');
    for (const r of [a, b]) {
      const items = await until('both copies listed', () => listAll(r.ui, 'type:dup.both'), (x) => x.length >= 2);
      assert.equal(items.length, 2);
      const firsts = items.filter((i) => i.duplicateOf === null);
      const dups = items.filter((i) => i.duplicateOf !== null);
      assert.equal(firsts.length, 1, 'exactly one first delivery');
      assert.equal(dups.length, 1, 'exactly one duplicate');
      assert.equal(dups[0].duplicateOf, firsts[0].id);
    }
  });

  it('a delivery taken by replica A reaches the event stream of replica B within 1 s', async (t) => {
    const watch = await watchStream(b.ui, /event: deliveriesAdded\ndata: .*"live\.one"/);
    const status = await send(a.receiver, 'gh', 'live.one', 'evt-live-1');
    const acknowledgedAt = Date.now();
    assert.equal(status, 200);
    const at = await watch.arrived('deliveriesAdded on B');
    t.diagnostic(`deliveriesAdded on B ${at - acknowledgedAt} ms after A's 200`);
    assert.ok(at - acknowledgedAt <= 1000, `arrived on B ${at - acknowledgedAt} ms after A acknowledged it`);
  });

  it('a config change made through replica A reaches replica B within 1 s; a replica started later has it too', async (t) => {
    const watch = await watchStream(b.ui, /event: configChanged/);
    const current = (await value<{ config: { sources: Array<{ id: string }> } }>(a.ui, 'getConfig', {})).config;
    await value(a.ui, 'updateConfig', { config: { ...current, sources: [...current.sources, { id: 'added', provider: 'github', secrets: [] }] } });
    const savedAt = Date.now();
    const at = await watch.arrived('configChanged on B');
    t.diagnostic(`configChanged on B ${at - savedAt} ms after A saved`);
    assert.ok(at - savedAt <= 1000, `B heard of it ${at - savedAt} ms after A saved it`);
    const onB = await value<{ config: { sources: Array<{ id: string }> } }>(b.ui, 'getConfig', {});
    assert.ok(onB.config.sources.some((s) => s.id === 'added'), "B's config has the source added through A");

    // a secret set through A: B verifies a delivery signed with it
    await value(a.ui, 'addSecret', { sourceId: 'added', value: SECRET_VIA_API, label: 'via-a' });
    await until('B knows the secret', () => value<{ secrets: Record<string, unknown[]> }>(b.ui, 'getConfig', {}), (v) => (v.secrets.added ?? []).length === 1, 5000);
    assert.equal(await send(b.receiver, 'added', 'cfg.event', 'evt-cfg-1', SECRET_VIA_API), 200);
    const [taken] = await until('listed on B', () => listAll(b.ui, 'type:cfg.event'), (x) => x.length === 1);
    assert.equal(taken.verdict, 'verified', 'B verifies with the secret set through A');

    // the team's config lives in the database, not in a replica's file: a new replica starts with it
    const d = await startReplica('d');
    try {
      const onD = await value<{ config: { sources: Array<{ id: string }> }; secrets: Record<string, unknown[]> }>(d.ui, 'getConfig', {});
      assert.ok(onD.config.sources.some((s) => s.id === 'added') && onD.secrets.added.length === 1, 'a replica started later has the change');
    } finally {
      d.child.kill('SIGTERM');
      await d.exited;
    }
  });

  it('200 deliveries with a dev server configured are each forwarded exactly once across the replicas', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `fw-${i}`);
    for (let i = 0; i < ids.length; i += 20) {
      const statuses = await Promise.all(ids.slice(i, i + 20).map((id, j) => send((i + j) % 2 === 0 ? a.receiver : b.receiver, 'fw', 'fw.event', id)));
      assert.ok(statuses.every((s) => s === 200));
    }
    await until('every delivery forwarded', async () => ids.filter((id) => forwarded.has(id)).length, (n) => n === 200, 120_000);
    const listed = await until('every forward recorded delivered', () => listAll(a.ui, 'type:fw.event'), (x) => x.length === 200 && x.every((i) => i.forward?.state === 'delivered'), 60_000);
    assert.equal(listed.length, 200);
    // both replicas poll the outbox every second: give a double send the time to show
    await new Promise((r) => setTimeout(r, 3000));
    const twice = ids.filter((id) => forwarded.get(id) !== 1);
    assert.deepEqual(twice, [], 'no delivery forwarded more than once');
  });

  it('forward.ordered across replicas: one at a time, in receipt order, each once; a failed one holds the later ones', async () => {
    const ids = Array.from({ length: 24 }, (_, i) => `ord-${i}`);
    // sent one after the other, alternately to both replicas: receipt order is this order
    for (const [i, id] of ids.entries()) assert.equal(await send(i % 2 === 0 ? a.receiver : b.receiver, 'ord', 'ord.event', id), 200);
    await until('every ordered delivery forwarded', async () => new Set(orderedArrivals).size, (n) => n === ids.length, 120_000);
    await until('the last one answered', async () => orderedInFlight, (n) => n === 0, 10_000);
    // both replicas poll the outbox every second: give a double or overtaking send the time to show
    await new Promise((r) => setTimeout(r, 2500));
    assert.deepEqual(orderedArrivals, [...ids.slice(0, 5), 'ord-4', ...ids.slice(5)], 'receipt order; ord-4 retried before any later one went');
    assert.equal(orderedMaxInFlight, 1, 'never two of the source in flight at once');
  });

  it('kill -9 of a replica loses no acknowledged delivery', async () => {
    const c = await startReplica('c');
    const acked: string[] = [];
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        const type = `kill.${i}`;
        try {
          if ((await send(c.receiver, 'gh', type, `kill-${i}`)) === 200) acked.push(type);
        } catch {
          return; // the replica is gone
        }
      }
    })();
    await until('some acknowledged', async () => acked.length, (n) => n >= 20, 60_000);
    c.child.kill('SIGKILL');
    stop = true;
    await writer;
    await c.exited;
    const listed = await until('every acknowledged delivery listed by A', () => listAll(a.ui, 'type:kill.*'), (x) => acked.every((t) => x.some((i) => i.eventType === t)), 30_000);
    assert.ok(listed.length >= acked.length);
  });

  it('a viewer token reads but cannot replay or change config; an admin token can', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const admin = createTokenAdmin(pool);
    const viewer = await admin.create('vera', 'viewer');
    const boss = await admin.create('ada', 'admin');
    await pool.end();
    const [first] = await listAll(a.ui, 'type:fw.event');

    const listed = await call<{ items: Summary[] }>(a.ui, 'listDeliveries', { limit: 1 }, viewer.token);
    assert.ok(listed.ok, 'a viewer reads');
    const replay = await call(a.ui, 'replayDelivery', { id: first.id }, viewer.token);
    assert.ok(!replay.ok && replay.error.code === 'forbidden', 'a viewer cannot replay');
    assert.match((replay as { error: { message: string } }).error.message, /vera has the viewer role: replayDelivery needs the member or admin role/);
    const config = { config: (await value<{ config: unknown }>(a.ui, 'getConfig', {}, boss.token)).config };
    const change = await call(a.ui, 'updateConfig', config, viewer.token);
    assert.ok(!change.ok && change.error.code === 'forbidden', 'a viewer cannot change config');
    assert.match((change as { error: { message: string } }).error.message, /needs the admin role/);

    const replayed = await call<{ status: number | null }>(a.ui, 'replayDelivery', { id: first.id }, boss.token);
    assert.ok(replayed.ok, `an admin replays: ${JSON.stringify(replayed)}`);
    assert.equal(replayed.value.status, 200);
    const changed = await call(a.ui, 'updateConfig', config, boss.token);
    assert.ok(changed.ok, `an admin changes config: ${JSON.stringify(changed)}`);
    const audit = await value<{ items: Array<{ action: string; actor?: string | null }> }>(a.ui, 'listAudit', { limit: 20 }, boss.token);
    assert.ok(audit.items.some((e) => e.action === 'replay' && e.actor === 'ada'), 'the audit log names the person');
  });

  it('a dump of the team database holds no secret and no raw personal value', async () => {
    const { text, how } = await dumpDatabase(url);
    assert.ok(text.includes('alt.00'), `the dump (${how}) holds the run's rows`);
    for (const needle of [SECRET, SECRET_VIA_API, EMAIL, 'margot.quill', PHONE, '4155550199', DATA_KEY]) {
      assert.ok(!text.includes(needle), `the dump (${how}) holds ${needle.slice(0, 6)}…`);
    }
  });
});
