/**
 * V8 limits for the background threads (journal, checkpointer, deriver and its helper). Under load each
 * isolate grows its young generation to 32 MB by default, one per thread, though what they allocate dies
 * young and in small batches: a small young generation keeps the process's memory bounded (docs/architecture.md).
 * The main thread is held to the same size by young-generation.ts.
 */
import type { ResourceLimits } from 'node:worker_threads';

/** one semi-space of a young generation, in MB: its new space is two of them (8 MB) */
export const SEMI_SPACE_MB = 4;

export const BACKGROUND_THREAD_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 2 * SEMI_SPACE_MB };
