/** What a child server costs: CPU time from /proc (Linux) and bytes on disk under its data directory. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** User + system CPU time of a process, in microseconds (Linux /proc; 0 elsewhere). */
export function cpuMicros(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    return (ticks / 100) * 1_000_000; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

/** CPU ticks (1/100 s) of each thread of this process (Linux /proc), by thread id */
export function threadTicks(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const f = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      out.set(tid, Number(f[11]) + Number(f[12]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/** Bytes of every file below a directory (the data dir: database, WAL, keys, logs). */
export function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    total += entry.isDirectory() ? bytesUnder(full) : statSync(full).size;
  }
  return total;
}

/**
 * Waits until a process has gone quiet (under 3 % of a core over two 250 ms intervals in a row, at most
 * `maxMs`): the work it does after the answers — deriving display rows and indexes — is then done.
 * Returns the process's CPU time at that moment (cpuMicros), and whether it went quiet in time.
 */
export async function cpuWhenQuiet(pid: number, maxMs = 120_000): Promise<{ cpu: number; quiet: boolean }> {
  const INTERVAL_MS = 250;
  const QUIET_MICROS = 0.03 * INTERVAL_MS * 1000;
  const giveUp = Date.now() + maxMs;
  let last = cpuMicros(pid);
  let quietIntervals = 0;
  while (Date.now() < giveUp) {
    await new Promise((r) => setTimeout(r, INTERVAL_MS));
    const now = cpuMicros(pid);
    quietIntervals = now - last < QUIET_MICROS ? quietIntervals + 1 : 0;
    last = now;
    if (quietIntervals >= 2) return { cpu: now, quiet: true };
  }
  return { cpu: last, quiet: false };
}
