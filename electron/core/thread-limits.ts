/**
 * V8 limits for the background threads (journal, checkpointer, deriver and its helper). Under load each
 * isolate grows its young generation to 32 MB by default, one per thread, though what they allocate dies
 * young and in small batches: a small young generation keeps the process's memory bounded (docs/architecture.md).
 */
import type { ResourceLimits } from 'node:worker_threads';

export const BACKGROUND_THREAD_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 8 };
