/**
 * <data-dir>/instance.json: how CLI commands find a running Hookscope (serve, listen, web mode). Written
 * with mode 0600 (it holds the UI token), removed on exit; a file whose process is gone is stale and ignored.
 */
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface InstanceInfo {
  pid: number;
  /** origin of the local UI/API, e.g. http://127.0.0.1:5123 */
  ui: string;
  /** bearer token of the local API */
  token: string;
  /** base URL of the webhook receiver, e.g. http://127.0.0.1:8787 */
  receiver: string;
}

export type InstanceLookup =
  | { state: 'found'; info: InstanceInfo }
  | { state: 'missing' }
  | { state: 'stale'; pid: number }
  | { state: 'invalid'; reason: string };

export function instanceFilePath(dataDir: string): string {
  return join(dataDir, 'instance.json');
}

export function writeInstanceFile(dataDir: string, info: InstanceInfo): void {
  const path = instanceFilePath(dataDir);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600); // the umask may have narrowed the mode, never widened; make it exact
  renameSync(temp, path);
}

/** Removes the file only when it still names this process (a newer instance may have replaced it). */
export function removeInstanceFile(dataDir: string, pid = process.pid): void {
  const found = readInstanceFile(dataDir, () => true);
  if (found.state === 'found' && found.info.pid !== pid) return;
  rmSync(instanceFilePath(dataDir), { force: true });
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isInfo(value: unknown): value is InstanceInfo {
  const v = value as Partial<InstanceInfo> | null;
  return (
    typeof v === 'object' && v !== null &&
    Number.isInteger(v.pid) && (v.pid as number) > 0 &&
    typeof v.ui === 'string' && typeof v.token === 'string' && typeof v.receiver === 'string'
  );
}

export function readInstanceFile(dataDir: string, alive: (pid: number) => boolean = processAlive): InstanceLookup {
  let text: string;
  try {
    text = readFileSync(instanceFilePath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'invalid', reason: `cannot read it (${(error as NodeJS.ErrnoException).code})` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { state: 'invalid', reason: 'it is not JSON' };
  }
  if (!isInfo(value)) return { state: 'invalid', reason: 'it lacks pid, ui, token or receiver' };
  if (!alive(value.pid)) return { state: 'stale', pid: value.pid };
  return { state: 'found', info: { pid: value.pid, ui: value.ui, token: value.token, receiver: value.receiver } };
}
