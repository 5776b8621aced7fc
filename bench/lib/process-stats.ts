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

/** Bytes of every file below a directory (the data dir: database, WAL, keys, logs). */
export function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    total += entry.isDirectory() ? bytesUnder(full) : statSync(full).size;
  }
  return total;
}
