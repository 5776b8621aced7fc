/**
 * Profiles the receive path: starts `hookscope serve` under --cpu-prof, loads it like the bench, stops it.
 *   node --import tsx bench/profile-receive.ts [seconds]   → prints the top self / inclusive functions
 *   NO_PROFILE=1 …: throughput and latency only; THREADS=1: CPU per request of each thread; RATE=n: n requests/s (compare builds at one load); WARMUP=s: s seconds of load before the measured run (steady state, not the JIT's first seconds); NODE_FLAGS='…': node/V8 flags for the server; DURABILITY=power: synchronous=FULL; PROFILE_OUT=file keeps the profile; KEEP_PROF=1 keeps every thread's profile (the directory is printed)
 * Also prints the load generator's CPU per request and how many of the machine's cores the run kept busy (server and load generator).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_SECRET } from './lib/ingest-payload';
import { loadSignedEvents } from './lib/load';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 6);
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-prof-'));
  const profDir = join(dir, 'prof');
  const cfg = join(dir, 'cfg.json');
  writeFileSync(cfg, JSON.stringify({ storage: { durability: process.env.DURABILITY ?? 'process' }, sources: [{ id: 'blackbox', provider: 'blackbox', secrets: ['env:BENCH_SECRET'], rateLimit: null }] }));
  const profile = process.env.NO_PROFILE ? [] : ['--cpu-prof', `--cpu-prof-dir=${profDir}`];
  const child = spawn(process.execPath, [...profile, ...(process.env.NODE_FLAGS ?? '').split(' ').filter(Boolean), 'bin/hookscope.mjs', 'serve', '--json', '--config', cfg, '--data-dir', dir,
    '--receiver-port', '0', '--ui-port', '0', '--no-tunnel'], {
    env: { ...process.env, HOOKSCOPE_LOG_LEVEL: 'error', BENCH_SECRET, HOOKSCOPE_DATA_KEY: Buffer.alloc(32, 7).toString('base64') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // the first stdout line (--json) names the receiver's URL (port 0: any free port, so runs never collide)
  const receiver = await new Promise<string>((resolve) => child.stdout!.once('data', (line: Buffer) => resolve(String((JSON.parse(String(line).split('\n')[0]) as { receiver: string }).receiver))));
  // CPU time of the server (user + system, in clock ticks of 10 ms) around the load: less noisy than req/s on a shared machine
  const ticks = (): number => {
    const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(f[11]) + Number(f[12]);
  };
  // per thread (main = the thread whose id is the pid; the others: journal and checkpoint workers, libuv, V8 helpers)
  const perThread = (): Map<string, number> => new Map(readdirSync(`/proc/${child.pid}/task`).map((tid) => {
    const f = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
    return [tid, Number(f[11]) + Number(f[12])];
  }));
  // the main thread's user and kernel time apart: kernel time is mostly socket and wake-up system calls
  const mainSplit = (): [number, number] => {
    const f = readFileSync(`/proc/${child.pid}/task/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return [Number(f[11]), Number(f[12])];
  };
  // WARMUP=s: load for s seconds first, unmeasured — the JIT's first seconds (compiler threads) otherwise dominate a short run's CPU per request
  if (Number(process.env.WARMUP ?? 0) > 0) await loadSignedEvents(`${receiver}/hooks/blackbox`, { seconds: Number(process.env.WARMUP), rate: Number(process.env.RATE ?? 0) || undefined });
  const splitBefore = mainSplit();
  const threadsBefore = perThread();
  const before = ticks();
  const cu0 = process.cpuUsage();
  const r = await loadSignedEvents(`${receiver}/hooks/blackbox`, { seconds, rate: Number(process.env.RATE ?? 0) || undefined });
  const cpuMs = (ticks() - before) * 10;
  // this process is the load generator: its CPU per request, and the cores it and the server kept busy together
  const loadCpu = process.cpuUsage(cu0);
  const loadMicros = loadCpu.user + loadCpu.system;
  console.log(`load generator ${(loadMicros / r.total).toFixed(0)} µs/request; machine ${((loadMicros / 1000 + cpuMs) / (seconds * 1000)).toFixed(2)} cores`);
  const threadsAfter = perThread();
  const splitAfter = mainSplit();
  const mainMs = ((threadsAfter.get(String(child.pid)) ?? 0) - (threadsBefore.get(String(child.pid)) ?? 0)) * 10;
  if (process.env.THREADS) {
    // threads named by their comm (V8 helpers "V8 DefaultWorke", libuv "libuv-worker", worker threads by their name), idle ones left out
    const nameOf = (tid: string): string => { try { return readFileSync(`/proc/${child.pid}/task/${tid}/comm`, 'utf8').trim().replace(/\s+/g, '_'); } catch { return tid; } };
    const used = [...threadsAfter].filter(([tid, t]) => t > (threadsBefore.get(tid) ?? 0)).map(([tid, t]) => `${tid === String(child.pid) ? 'main' : nameOf(tid)}:${((t - (threadsBefore.get(tid) ?? 0)) * 10 * 1000 / r.total).toFixed(0)}`);
    console.log(`µs/request per thread: ${used.join(' ')}; main user ${(((splitAfter[0] - splitBefore[0]) * 10000) / r.total).toFixed(0)} + kernel ${(((splitAfter[1] - splitBefore[1]) * 10000) / r.total).toFixed(0)}`);
  }
  console.log(`${r.requestsPerSecond.toFixed(0)} req/s p50 ${r.p50} p99 ${r.p99} non2xx ${r.non2xx}; server CPU ${((cpuMs / r.total) * 1000).toFixed(0)} µs/request (main thread ${((mainMs / r.total) * 1000).toFixed(0)})`);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  if (process.env.KEEP_PROF) { console.log('profiles in', profDir); return; }
  if (!profile.length) return rmSync(dir, { recursive: true, force: true });
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))!;
  // PROFILE_OUT=path keeps the main thread's profile (open it in Chrome DevTools' Performance panel)
  if (process.env.PROFILE_OUT) copyFileSync(join(profDir, file), process.env.PROFILE_OUT);
  const prof = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as { nodes: Node[]; samples: number[] };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let total = 0;
  const name = (n: Node) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\/(main|wt\/[^/]+)\//, '').replace(/\?tsx-namespace=[^:]*/, '')}:${n.callFrame.lineNumber + 1}`;
  for (const s of prof.samples) {
    const n = byId.get(s)!;
    if (n.callFrame.functionName === '(idle)') continue;
    total++;
    self.set(name(n), (self.get(name(n)) ?? 0) + 1);
    const seen = new Set<string>();
    for (let id: number | undefined = s; id !== undefined; id = parent.get(id)) {
      const k = name(byId.get(id)!);
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + 1);
    }
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)} %  ${k}`).join('\n');
  console.log(`non-idle samples ${total}\n--- self ---\n${top(self, 45)}\n--- inclusive ---\n${top(incl, Number(process.env.TOP ?? 60))}`);
  rmSync(dir, { recursive: true, force: true });
}

void main();
