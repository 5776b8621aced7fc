/**
 * The deriver's threads run at a lower scheduling priority than the event loop (docs/architecture.md,
 * "Threads and priorities"): when every core is busy, the request path (read, check, journal, answer)
 * and the API go first, and deriving takes the time left over. Nothing acknowledged waits on the
 * deriver, and the UI lists journaled deliveries as pending until it has caught up.
 *
 * Linux only: there a nice value belongs to one thread (setpriority with 0 names the calling thread).
 * Elsewhere the same call lowers the whole process, the receiver included, so it is not made.
 */
import { setPriority } from 'node:os';

/** nice 10: about a tenth of a busy core against a thread at the default 0; all of an idle one */
export const BACKGROUND_NICE = 10;

/** lowers the calling thread's priority; where that cannot be done for one thread alone it keeps the default */
export function lowerThisThreadPriority(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(0, BACKGROUND_NICE);
  } catch {
    // refused: this thread simply runs at the default priority
  }
}
