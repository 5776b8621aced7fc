/** Timer port of the outbox (the core's shared timers), so tests drive polling with a fake clock. */
import { systemTimers, type Timers } from '../timers';

export type Scheduler = Timers;
export const systemScheduler: Scheduler = systemTimers;
