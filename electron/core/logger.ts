/** Human log lines on stderr. Callers never pass secrets or payload values. */
export type LogLevel = 'info' | 'warn' | 'error';
export type Log = (level: LogLevel, message: string) => void;

const ORDER: Record<string, number> = { info: 0, warn: 1, error: 2, silent: 3 };

export function createLogger(threshold = process.env.HOOKSCOPE_LOG_LEVEL ?? 'info'): Log {
  const min = ORDER[threshold] ?? 0;
  return (level, message) => {
    if (ORDER[level] < min) return;
    process.stderr.write(`hookscope ${level}: ${message}\n`);
  };
}
