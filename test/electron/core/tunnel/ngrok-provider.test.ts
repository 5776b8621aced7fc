import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { TunnelStatus } from '../../../../shared/api';
import { createNgrokProvider, normalizeDomain } from '../../../../electron/core/tunnel/ngrok-provider';
import { TunnelError } from '../../../../electron/core/tunnel/tunnel-error';

const TOKEN = '2ScenarioToken_0123456789abcdefghijklmnopq';
const SCENARIO = fileURLToPath(new URL('./fixtures/real-tunnel-scenario.ts', import.meta.url));
/** generous for a loaded machine: a normal run takes about a second */
const HARD_DEADLINE_MS = 30_000;

/** a TCP server on 127.0.0.1 that accepts and never answers (nor closes) */
async function silentServer(onAccept: () => void = () => undefined): Promise<{ server: Server; addr: string; accepted: () => number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    onAccept();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    server,
    addr: `127.0.0.1:${port}`,
    accepted: () => accepted,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

interface ScenarioRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  killedAtDeadline: boolean;
  stdout: string;
  stderr: string;
}

function runScenario(mode: 'closed' | 'silent', serverAddr: string, started: (child: ChildProcessWithoutNullStreams) => void = () => undefined): Promise<ScenarioRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCENARIO, mode, serverAddr], {
      env: { ...process.env, SCENARIO_AUTHTOKEN: TOKEN },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.on('error', () => undefined);
    started(child);
    let stdout = '';
    let stderr = '';
    let killedAtDeadline = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = setTimeout(() => {
      killedAtDeadline = true;
      child.kill('SIGKILL');
    }, HARD_DEADLINE_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(deadline);
      resolve({ code, signal, killedAtDeadline, stdout, stderr });
    });
  });
}

function parse(stdout: string): { statuses: TunnelStatus[]; done: { settled: TunnelStatus; final: TunnelStatus } | null } {
  const lines = stdout.split('\n').filter((line) => line.startsWith('{'));
  const values = lines.map((line) => JSON.parse(line) as { status?: TunnelStatus; done?: { settled: TunnelStatus; final: TunnelStatus } });
  return {
    statuses: values.flatMap((v) => (v.status ? [v.status] : [])),
    done: values.find((v) => v.done)?.done ?? null,
  };
}

const OFF: TunnelStatus = {
  state: 'off',
  url: null,
  message: 'Tunnel off: turn it on in Settings (or start with --tunnel) to get a public HTTPS URL',
};
const CONNECTING: TunnelStatus = { state: 'connecting', url: null, message: 'Connecting to ngrok…' };

function assertCleanRun(run: ScenarioRun): void {
  assert.equal(run.killedAtDeadline, false, `the process hung; stderr: ${run.stderr}`);
  assert.equal(run.signal, null);
  assert.equal(run.code, 0, `stderr: ${run.stderr}`);
  assert.ok(!run.stdout.includes(TOKEN) && !run.stderr.includes(TOKEN), 'the authtoken never appears in output');
}

test('no authtoken: the clear message at once, before the SDK is loaded, no network touched', async () => {
  const silent = await silentServer();
  try {
    // a broken SDK path proves the check comes first: otherwise this would be sdk_unavailable
    const provider = createNgrokProvider({ serverAddr: silent.addr, sdkPath: '/nonexistent/@ngrok/ngrok/index.js' });
    for (const authtoken of ['', '  ']) {
      await assert.rejects(
        provider.connect({ authtoken, domain: null, forwardTo: '127.0.0.1:9', trustHeader: { name: 'x-hookscope-tunnel', value: 'test-secret' }, signal: new AbortController().signal }),
        (error: unknown) =>
          error instanceof TunnelError &&
          error.code === 'no_authtoken' &&
          error.permanent &&
          error.message === 'No ngrok authtoken: paste yours into Settings → Tunnel → ngrok authtoken (copy it from your ngrok dashboard), or set NGROK_AUTHTOKEN',
      );
    }
    assert.equal(silent.accepted(), 0);
  } finally {
    await silent.close();
  }
});

test('a closed port on 127.0.0.1 → "Cannot reach ngrok" (transient), the thread is released', async () => {
  const provider = createNgrokProvider({ serverAddr: await closedPort() });
  await assert.rejects(
    provider.connect({ authtoken: TOKEN, domain: null, forwardTo: '127.0.0.1:9', trustHeader: { name: 'x-hookscope-tunnel', value: 'test-secret' }, signal: new AbortController().signal }),
    (error: unknown) =>
      error instanceof TunnelError &&
      error.code === 'unreachable' &&
      !error.permanent &&
      error.message === 'Cannot reach ngrok: check your internet connection or proxy',
  );
});

test('an abort releases a connect that the SDK itself would never end', async () => {
  const silent = await silentServer();
  try {
    const provider = createNgrokProvider({ serverAddr: silent.addr });
    const controller = new AbortController();
    const pending = provider.connect({ authtoken: TOKEN, domain: null, forwardTo: '127.0.0.1:9', trustHeader: { name: 'x-hookscope-tunnel', value: 'test-secret' }, signal: controller.signal });
    // wait until the SDK really dialled (no sleeping on a clock: poll the accept count)
    while (silent.accepted() === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await assert.rejects(pending, (error: unknown) => error instanceof TunnelError && error.code === 'cancelled');
  } finally {
    await silent.close();
  }
});

test('a missing SDK is a clear, permanent error', async () => {
  const provider = createNgrokProvider({ sdkPath: '/nonexistent/@ngrok/ngrok/index.js' });
  await assert.rejects(
    provider.connect({ authtoken: TOKEN, domain: null, forwardTo: '127.0.0.1:9', trustHeader: { name: 'x-hookscope-tunnel', value: 'test-secret' }, signal: new AbortController().signal }),
    (error: unknown) =>
      error instanceof TunnelError &&
      error.code === 'sdk_unavailable' &&
      error.permanent &&
      error.message === 'The ngrok library could not be loaded: reinstall Hookscope',
  );
});

test('domains are passed bare', () => {
  assert.equal(normalizeDomain('https://hooks.example.com/'), 'hooks.example.com');
  assert.equal(normalizeDomain(' my-app.ngrok.app '), 'my-app.ngrok.app');
  assert.equal(normalizeDomain(''), null);
  assert.equal(normalizeDomain(null), null);
});

test('child process, closed port: error then off, and the process exits by itself with code 0', async () => {
  const run = await runScenario('closed', await closedPort());
  assertCleanRun(run);
  const { statuses, done } = parse(run.stdout);
  const error: TunnelStatus = {
    state: 'error',
    url: null,
    message: 'Cannot reach ngrok: check your internet connection or proxy (retrying in 1 s)',
  };
  assert.deepEqual(statuses, [CONNECTING, error, OFF]);
  assert.deepEqual(done, { settled: error, final: OFF });
});

test('child process, a server that accepts and never answers: timeout error, not a hang; exits by itself with code 0', async () => {
  let child: ChildProcessWithoutNullStreams | null = null;
  // the child's connect timeout fires once the SDK has dialled (no sleeping, no race)
  const silent = await silentServer(() => child?.stdin.end('fire the connect timeout\n'));
  try {
    const run = await runScenario('silent', silent.addr, (c) => (child = c));
    assertCleanRun(run);
    assert.ok(silent.accepted() >= 1, 'the SDK did dial the silent server');
    const { statuses, done } = parse(run.stdout);
    const error: TunnelStatus = {
      state: 'error',
      url: null,
      message: 'ngrok did not answer within 15 s: check your internet connection or proxy (retrying in 1 s)',
    };
    assert.deepEqual(statuses, [CONNECTING, error, OFF]);
    assert.deepEqual(done, { settled: error, final: OFF });
  } finally {
    // only now: the child had to exit while the connection it opened was still held open here
    await silent.close();
  }
});
