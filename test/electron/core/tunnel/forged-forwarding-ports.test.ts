/**
 * Issue 13, "done when": a signed delivery with forged X-Forwarded-For / X-Forwarded-Proto (and a
 * guessed tunnel header) from a local process gets the same answer on every port the process
 * listens on as on the receiver port. The ports are read from the kernel (/proc), not from what the
 * app says it opened, so a hidden tunnel-only listener would be found and tried too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiCall, startChildServe } from '../../../helpers/child-serve';
import { blackboxEvent } from '../../../helpers/blackbox-event';

const SECRET = 'forged-forwarding-secret-0123456789ab';
const LINUX = process.platform === 'linux';

/** TCP ports in LISTEN state owned by `pid` (IPv4 and IPv6) */
function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]);
    } catch {
      // closed while we looked
    }
  }
  const ports = new Set<number>();
  for (const table of ['tcp', 'tcp6']) {
    const lines = readFileSync(`/proc/${pid}/net/${table}`, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A' && inodes.has(cols[9])) ports.add(parseInt(cols[1].split(':')[1], 16));
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/** a raw loopback request (node:http, its own socket per call) */
function post(port: number, path: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string; deliveryId: string | null }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' }, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, deliveryId: (res.headers['x-hookscope-delivery-id'] as string | undefined) ?? null }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const FORGED = {
  'x-forwarded-for': '52.202.195.162',
  'x-forwarded-proto': 'https',
  'x-hookscope-tunnel': 'guessed-secret',
  forwarded: 'for=52.202.195.162;proto=https',
};

for (const tunnel of [false, true]) {
  test(`tunnel ${tunnel ? 'on' : 'off'}: every listening port answers a forged delivery like a direct client`, { skip: !LINUX && 'reads listening sockets from /proc' }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookscope-forged-'));
    const configPath = join(dir, 'config.json');
    writeFileSync(configPath, JSON.stringify({
      sources: [{ id: 'blackbox', provider: 'blackbox', secrets: ['env:BB'], allowIps: ['52.202.195.162/32'], rateLimit: null }],
    }));
    const serve = await startChildServe(['--config', configPath, '--data-dir', join(dir, 'data'), ...(tunnel ? ['--tunnel'] : [])], {
      BB: SECRET,
      HOOKSCOPE_TUNNEL_PROVIDER: 'fake',
      HOOKSCOPE_DATA_KEY: Buffer.alloc(32, 9).toString('base64'),
    });
    try {
      const status = await apiCall<{ tunnel: { state: string } }>(serve.ui, 'getStatus', {});
      assert.equal(status.tunnel.state, tunnel ? 'online' : 'off');
      const receiverPort = Number(new URL(serve.receiver).port);
      const uiPort = Number(new URL(serve.ui).port);
      const ports = listeningPorts(serve.child.pid!);
      assert.deepEqual(ports, [receiverPort, uiPort].sort((a, b) => a - b), 'the receiver and the UI, no tunnel-only listener');

      const answers = new Map<number, { status: number; body: string; deliveryId: string | null }>();
      for (const port of ports) {
        const e = blackboxEvent(SECRET);
        answers.set(port, await post(port, '/hooks/blackbox', { ...e.headers, ...FORGED }, e.body));
      }
      const atReceiver = answers.get(receiverPort)!;
      assert.equal(atReceiver.status, 403, 'source-ip refuses the real peer (127.0.0.1)');
      assert.equal(atReceiver.body, '{"error":"Forbidden"}');
      for (const [port, answer] of answers) {
        if (port === receiverPort) continue;
        // the UI port is no receiver: it takes no delivery at all, forged or not
        assert.equal(answer.deliveryId, null, `port ${port} stored nothing`);
        assert.ok(answer.status >= 400 && answer.status < 500, `port ${port} refused (${answer.status})`);
      }
      const detail = await apiCall<{ clientIp: string; headers: Array<[string, string]>; checks: Array<{ id: string; code: string; detail: Record<string, unknown> }> }>(serve.ui, 'getDelivery', { id: atReceiver.deliveryId });
      const check = (id: string) => detail.checks.find((c) => c.id === id)!;
      assert.equal(detail.clientIp, '127.0.0.1');
      assert.equal(check('transport').code, 'plain_http');
      assert.equal(check('source-ip').code, 'not_allowed');
      assert.equal(check('source-ip').detail.forwardedForIgnored, true);
      assert.ok(!detail.headers.some(([n]) => n.toLowerCase() === 'x-hookscope-tunnel'), 'the guessed tunnel header is dropped');
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
