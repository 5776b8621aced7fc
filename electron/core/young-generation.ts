/**
 * Holds the main thread's young generation to the background threads' size (thread-limits.ts).
 *
 * Why: under ingest the main thread's new space grows to V8's default ceiling, 32 MB, and stays there —
 * a sixth of the headless process's 200 MB budget (docs/architecture.md "Memory"). A quarter of it costs
 * no measurable CPU a request. The ceiling is a start-up flag (--max-semi-space-size) a process cannot
 * give itself, so the growth is steered instead: V8 reads its growth factor each time a new space grows,
 * and this sets it so that a new space below the cap reaches it in one step and one at the cap stays.
 * It is set again after every garbage collection (so a new space V8 shrank grows back to the cap under
 * load) and as soon as a worker thread is up (starting one resets the factor). Only collections wake it:
 * an idle process does no work for it (a 20 ms timer used to cost an idle server ~3.5 % of a core).
 * A load that keeps megabytes alive before the next check can take it a step past the cap; it stays there.
 *
 * The factor is process-wide: threads started later begin at their own limit (--min-semi-space-size,
 * read when an isolate is created), so a factor of 1 never holds them below it.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { SEMI_SPACE_MB } from './thread-limits';

const MB = 1024 * 1024;
/** the main thread's new space at most (two semi-spaces) */
export const MAIN_NEW_SPACE_CAP_BYTES = 2 * SEMI_SPACE_MB * MB;

let steering: PerformanceObserver | null = null;

const newSpaceBytes = (): number => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;

/** the growth factor that takes a new space of `bytes` to the cap in one step, or keeps it there */
export function growthFactorFor(bytes: number): number {
  return bytes <= 0 ? 1 : Math.max(1, Math.floor(MAIN_NEW_SPACE_CAP_BYTES / bytes));
}

/** set at every check, not only on a change: starting a worker thread puts the factor back to V8's default (measured, Node 20) */
function steer(): void {
  setFlagsFromString(`--semi-space-growth-factor=${growthFactorFor(newSpaceBytes())}`);
}

/** starts holding the main thread's young generation at the cap; call before the background threads start (idempotent) */
export function capYoungGeneration(): void {
  if (steering) return;
  setFlagsFromString(`--min-semi-space-size=${SEMI_SPACE_MB}`);
  steer();
  // one check per batch of collections the observer reports (they come after the collection, as a task)
  steering = new PerformanceObserver(steer);
  steering.observe({ entryTypes: ['gc'] });
  process.on('worker', (worker) => worker.once('online', steer));
}
