/**
 * The desktop app's log file: JSON lines in <data dir>/logs/hookscope.log, rotated by size
 * (hookscope.log → .1 → .2 …, the oldest beyond `keep` removed) so it never grows without bound.
 * Rotation renames the file, opens a new one and ends the old destination: lines still in flight
 * land in the renamed file, nothing is lost or written twice.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { safeDestination, type SafeDestination } from './safe-destination';

export interface RotatingFileOptions {
  path: string;
  /** rotate once the file would grow past this many bytes (default 5 MiB) */
  maxBytes?: number;
  /** rotated files kept besides the current one (default 3) */
  keep?: number;
}

export const DEFAULT_LOG_FILE_BYTES = 5 * 1024 * 1024;

export function rotatingFile(options: RotatingFileOptions): SafeDestination {
  const maxBytes = options.maxBytes ?? DEFAULT_LOG_FILE_BYTES;
  const keep = options.keep ?? 3;
  const file = options.path;
  const open = () => safeDestination({ dest: file, label: file });
  let current = open();
  let size = existsSync(file) ? statSync(file).size : 0;

  const rotate = (): void => {
    try {
      rmSync(`${file}.${keep}`, { force: true });
      for (let i = keep - 1; i >= 1; i--) if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      renameSync(file, `${file}.1`);
    } catch {
      return; // could not rotate (file removed, permissions): keep appending where we are
    }
    const old = current;
    current = open();
    old.end();
    size = 0;
  };

  return {
    get broken() {
      return current.broken;
    },
    flushSync: () => current.flushSync(),
    end: () => current.end(),
    write(line) {
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) rotate();
      size += bytes;
      current.write(line);
    },
  };
}
