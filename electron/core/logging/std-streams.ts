/**
 * process.stdout / process.stderr emit 'error' when a write fails (a full disk behind a redirect,
 * a closed pipe); with no listener that event ends the process. Every entry point installs this
 * guard once, so the CLI's own output (the --json line, messages) can fail without taking the
 * receiver down. The logger has its own destination (safe-destination.ts).
 */
let guarded = false;

export function guardStdStreams(): void {
  if (guarded) return;
  guarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    // EPIPE/ENOSPC/EBADF: the output is lost, which is all that can happen to it
    stream.on('error', () => undefined);
  }
}
