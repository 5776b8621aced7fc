/** paths come from presets and source configs (a handful): each is split once */
const segmentsOf = new Map<string, string[]>();

function segments(path: string): string[] {
  let out = segmentsOf.get(path);
  if (!out) {
    out = path.split('.');
    if (segmentsOf.size >= 256) segmentsOf.clear();
    segmentsOf.set(path, out);
  }
  return out;
}

/** Reads a dotted path such as "data.callId" from parsed JSON; null when absent. */
export function getPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const segment of segments(path)) {
    if (current === null || typeof current !== 'object') return null;
    if (Array.isArray(current)) {
      const index = /^\d+$/.test(segment) ? Number(segment) : -1;
      current = index >= 0 ? current[index] : undefined;
    } else {
      current = Object.prototype.hasOwnProperty.call(current, segment) ? (current as Record<string, unknown>)[segment] : undefined;
    }
    if (current === undefined) return null;
  }
  return current;
}

/** a string or finite number at path, as a string; null otherwise */
export function getScalar(value: unknown, path: string): string | null {
  const v = getPath(value, path);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
