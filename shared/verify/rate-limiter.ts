/** In-memory fixed-window rate limiter per key, with bounded memory (expired keys swept, oldest evicted). */
import type { RateLimitPort } from './types';

interface Window {
  start: number;
  windowMs: number;
  count: number;
}

export interface RateLimiterOptions {
  /** most keys kept at once (default 10,000) */
  maxKeys?: number;
}

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimitPort {
  const maxKeys = Math.max(1, options.maxKeys ?? 10_000);
  const windows = new Map<string, Window>();

  function sweep(now: number): void {
    for (const [key, w] of windows) if (now - w.start >= w.windowMs) windows.delete(key);
    // still full: drop the oldest tenth in one go (Map iterates in insertion order), so a flood of
    // new keys costs one walk per thousand keys, not one per request
    const target = maxKeys - Math.max(1, Math.floor(maxKeys / 10));
    for (const key of windows.keys()) {
      if (windows.size <= target) break;
      windows.delete(key);
    }
  }

  return {
    hit(key, max, windowMs, now) {
      let w = windows.get(key);
      // a request received a little before the window's first one (requests finish out of order: a big
      // body read, a busy loop) counts in that window; only a clock set back by more than a window starts anew
      if (!w || now - w.start >= w.windowMs || w.start - now >= w.windowMs) {
        if (w) windows.delete(key);
        if (windows.size >= maxKeys) sweep(now);
        w = { start: now, windowMs, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      const allowed = w.count <= max;
      const retryAfterSeconds = allowed ? 0 : Math.max(1, Math.ceil((w.start + w.windowMs - now) / 1000));
      return { allowed, retryAfterSeconds, count: w.count };
    },
  };
}
