/**
 * Profiles the receive path: starts `hookscope serve` under --cpu-prof, loads it like the bench, stops it.
 *   node --import tsx bench/profile-receive.ts [seconds]   → prints the top self / inclusive functions
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  writeFileSync(cfg, JSON.stringify({ sources: [{ id: 'blackbox', provider: 'blackbox', secrets: ['env:BENCH_SECRET'], rateLimit: null }] }));
  const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, 'bin/hookscope.mjs', 'serve', '--json', '--config', cfg, '--data-dir', dir,
    '--receiver-port', '18787', '--ui-port', '0', '--no-tunnel'], {
    env: { ...process.env, HOOKSCOPE_LOG_LEVEL: 'error', BENCH_SECRET, HOOKSCOPE_DATA_KEY: Buffer.alloc(32, 7).toString('base64') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  const r = await loadSignedEvents('http://127.0.0.1:18787/hooks/blackbox', { seconds });
  console.log(`${r.requestsPerSecond.toFixed(0)} req/s p50 ${r.p50} p99 ${r.p99} non2xx ${r.non2xx}`);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))!;
  const prof = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as { nodes: Node[]; samples: number[] };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let total = 0;
  const name = (n: Node) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\/main\//, '')}:${n.callFrame.lineNumber + 1}`;
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
  console.log(`non-idle samples ${total}\n--- self ---\n${top(self, 45)}\n--- inclusive ---\n${top(incl, 60)}`);
  rmSync(dir, { recursive: true, force: true });
}

void main();
