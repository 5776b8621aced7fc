/**
 * A log destination that can fail without consequences. pino's async destination (SonicBoom)
 * emits 'error' when a write fails — EPIPE (the reader went away), ENOSPC (disk full, /dev/full),
 * EBADF (descriptor closed) — and an unhandled 'error' ends the process. Here the first failure
 * leaves one best-effort note and the destination is dropped: later lines to it are discarded at
 * once (no retries piling up in memory), and nothing else about the process changes.
 *
 * A file is opened here, synchronously, and handed over as a descriptor: a file that cannot be
 * opened is a broken destination from the start, never a SonicBoom stuck "opening" at exit.
 */
import { mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadPino, type PinoModule } from './load-pino';

export interface SafeDestination {
  write(line: string): void;
  /** true once a write failed: lines to this destination are dropped from then on */
  readonly broken: boolean;
  /** best effort: pending lines out now (at exit); never throws */
  flushSync(): void;
  /** writes what is pending, then closes (a file; stderr stays open); never throws */
  end(): void;
}

/** a destination that can also write at once, in order after what it holds (for lines written at exit) */
export interface SyncCapableDestination extends SafeDestination {
  /** best effort: what is buffered goes out first, then `text`, both before this returns; never throws */
  writeSync(text: string): void;
}

export interface SafeDestinationOptions {
  /** a file descriptor (2 = stderr) or a file path (created 0600, with its folder) */
  dest: number | string;
  /** what the note calls this destination, e.g. "stderr" */
  label: string;
  /** where the note goes (default: the same descriptor, when it is one); must not throw */
  note?: (text: string) => void;
}

function bestEffortWrite(fd: number, text: string): void {
  try {
    writeSync(fd, text);
  } catch {
    // the note is best effort: the descriptor may be the broken one
  }
}

function openFile(path: string): number {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  return openSync(path, 'a', 0o600);
}

export function safeDestination(options: SafeDestinationOptions): SyncCapableDestination {
  const note = options.note ?? (typeof options.dest === 'number' ? (text: string) => bestEffortWrite(options.dest as number, text) : () => undefined);
  let broken = false;
  let boom: ReturnType<PinoModule['destination']> | null = null;
  let fd = -1;
  const fail = (error: NodeJS.ErrnoException): void => {
    if (broken) return;
    broken = true;
    // destroyed, it neither retries nor holds the process open at exit (pino ends it on beforeExit)
    try {
      boom?.destroy();
    } catch {
      // already gone
    }
    note(`hookscope: writing the log to ${options.label} failed (${error.code ?? error.name}); its log lines are dropped from now on, everything else goes on\n`);
  };
  try {
    fd = typeof options.dest === 'number' ? options.dest : openFile(options.dest);
    boom = loadPino().destination({ dest: fd, sync: false });
    boom.on('error', fail);
  } catch (error) {
    fail(error as NodeJS.ErrnoException);
  }
  const guard = (action: (b: NonNullable<typeof boom>) => void): void => {
    if (broken || !boom) return;
    try {
      action(boom);
    } catch (error) {
      fail(error as NodeJS.ErrnoException);
    }
  };
  return {
    get broken() {
      return broken;
    },
    write: (line) => guard((b) => b.write(line)),
    flushSync: () => guard((b) => b.flushSync()),
    writeSync: (text) =>
      guard((b) => {
        b.flushSync();
        let rest = Buffer.from(text);
        // a non-blocking pipe may take part of it or none (EAGAIN): go on until all is out, as SonicBoom's flushSync does
        for (let tries = 0; rest.length > 0 && tries < 1000; tries += 1) {
          try {
            rest = rest.subarray(writeSync(fd, rest));
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
          }
        }
      }),
    end: () => guard((b) => b.end()),
  };
}
