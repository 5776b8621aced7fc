/**
 * The process log, written with pino: JSON lines (`--log-format json`) or human lines
 * (`--log-format pretty`, pino-pretty), on stderr and, in the desktop app, also a rotating file.
 * Callers pass a level and one sentence — never secrets or payload values.
 *
 * Logging can never take the process down: a destination that fails is dropped after one
 * best-effort note (logging/safe-destination.ts), and stdout/stderr get an error guard
 * (logging/std-streams.ts).
 */
import type { Logger, StreamEntry } from 'pino';
import { loadPino } from './logging/load-pino';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogThreshold } from './logging/levels';
import { rotatingFile, type RotatingFileOptions } from './logging/rotating-file';
import { safeDestination, type SafeDestination, type SyncCapableDestination } from './logging/safe-destination';
import { guardStdStreams } from './logging/std-streams';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Log = (level: LogLevel, message: string) => void;

export { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogThreshold };

export interface LoggerOptions {
  /** default: $HOOKSCOPE_LOG_LEVEL, else info */
  level?: LogThreshold;
  /** stderr's format; default: $HOOKSCOPE_LOG_FORMAT, else pretty on a terminal and json otherwise */
  format?: LogFormat;
  /** write to stderr (default true) */
  stderr?: boolean;
  /** also JSON lines into a rotating file */
  file?: RotatingFileOptions | null;
  env?: NodeJS.ProcessEnv;
}

const oneOf = <T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined =>
  (allowed as readonly string[]).includes(value ?? '') ? (value as T) : undefined;

/**
 * Human lines through pino-pretty, imported when the first line is logged: lines wait in order until
 * it is there (a few ms); at exit before that, they go out as JSON rather than not at all.
 */
function prettyStream(to: SyncCapableDestination): SafeDestination {
  let pending: string[] | null = [];
  let format = (line: string): string => line;
  // one write for what waited: at exit, pino's own hook may have ended the destination, and separate writes then came out out of order
  const drain = () => {
    const lines = pending ?? [];
    pending = null;
    if (lines.length > 0) to.write(lines.map(format).join(''));
  };
  // at exit nothing asynchronous finishes: the waiting lines go out in one synchronous write, in order
  // (written one by one, the first would start an async write that the exit flush overtakes)
  const drainNow = () => {
    const lines = pending ?? [];
    pending = null;
    if (lines.length > 0) to.writeSync(lines.map(format).join(''));
  };
  import('pino-pretty').then(
    ({ prettyFactory }) => {
      const pretty = prettyFactory({ colorize: false, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l' });
      format = (line) => pretty(line);
      drain();
    },
    drain, // cannot load: the JSON lines are still lines
  );
  return {
    get broken() {
      return to.broken;
    },
    write: (line) => (pending ? pending.push(line) : to.write(format(line))),
    flushSync: () => {
      drainNow();
      to.flushSync();
    },
    end: () => {
      drainNow();
      to.end();
    },
  };
}

// async destinations: what is still buffered goes out when the process ends (one hook for all loggers)
const open = new Set<SafeDestination>();
let exitHook = false;
function flushAtExit(output: SafeDestination): void {
  open.add(output);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => open.forEach((o) => o.flushSync()));
}

export function createLogger(options: LoggerOptions = {}): Log {
  guardStdStreams();
  const env = options.env ?? process.env;
  const level = options.level ?? oneOf(env.HOOKSCOPE_LOG_LEVEL, LOG_LEVELS) ?? 'info';
  const format = options.format ?? oneOf(env.HOOKSCOPE_LOG_FORMAT, LOG_FORMATS) ?? (process.stderr.isTTY ? 'pretty' : 'json');
  const threshold = LOG_LEVELS.indexOf(level);
  const open = (): Logger => {
    const outputs: SafeDestination[] = [];
    const streams: StreamEntry[] = [];
    if (options.stderr !== false) {
      const stderr = safeDestination({ dest: 2, label: 'stderr' });
      const output = format === 'pretty' ? prettyStream(stderr) : stderr;
      outputs.push(output);
      streams.push({ level: 'trace', stream: output });
    }
    if (options.file) {
      const file = rotatingFile(options.file);
      outputs.push(file);
      streams.push({ level: 'trace', stream: file });
    }
    const pino = loadPino();
    const logger = pino.pino({ level, base: { name: 'hookscope' } }, pino.multistream(streams));
    outputs.forEach(flushAtExit);
    return logger;
  };
  let logger: Logger | null = null;
  return (lvl, message) => {
    if (LOG_LEVELS.indexOf(lvl) < threshold) return;
    logger ??= open();
    logger[lvl](message);
  };
}
