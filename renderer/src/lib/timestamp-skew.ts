/**
 * Reads the timestamp check's evidence as (offset of the provider's timestamp from receipt, tolerance).
 * Offset < 0: the timestamp is in the past (too old when below −tolerance); > 0: in the future.
 */
import type { CheckResult } from '../../../shared/checks';

export interface Skew {
  /** seconds: provider timestamp − receipt */
  offset: number;
  tolerance: number;
}

function num(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return null;
}

function epochSeconds(value: unknown): number | null {
  const n = num(value);
  if (n !== null) return n;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms / 1000;
  }
  return null;
}

export function readSkew(check: CheckResult, receivedAt: string): Skew | null {
  const d = check.detail;
  const tolerance = num(d.toleranceSeconds) ?? num(d.tolerance);
  if (tolerance === null) return null;
  let offset: number | null = num(d.offsetSeconds);
  if (offset === null) {
    const skew = num(d.skewSeconds) ?? num(d.skew);
    if (skew !== null) {
      // the server's skewSeconds is receipt − timestamp (positive: the timestamp is old)
      offset = -skew;
      if ((check.code === 'too_old' && offset > 0) || (check.code === 'too_new' && offset < 0)) offset = -offset;
    }
  }
  if (offset === null) {
    const ts = epochSeconds(d.parsed ?? d.timestamp);
    const received = Date.parse(receivedAt);
    if (ts !== null && !Number.isNaN(received)) offset = ts - received / 1000;
  }
  return offset === null ? null : { offset, tolerance };
}
