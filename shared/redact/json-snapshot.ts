/**
 * Tells, without serialising, whether a value would serialise to a JSON text seen before: the snapshot
 * is parsed from that text, and sameJson() holds only when JSON.stringify(value) would give the text
 * again (plain objects with the same keys in the same order, equal strings, finite numbers…). Anything it
 * does not model (toJSON, undefined members, class instances) compares as different, never as equal.
 */
import { isPlainArray } from './json-value';

class ArraySnap {
  constructor(readonly items: readonly Snapshot[]) {}
}

class ObjectSnap {
  constructor(
    readonly keys: readonly string[],
    readonly values: readonly Snapshot[],
  ) {}
}

export type Snapshot = string | number | boolean | null | ArraySnap | ObjectSnap;

function compile(parsed: unknown): Snapshot {
  if (parsed === null || typeof parsed !== 'object') return parsed as Snapshot;
  if (Array.isArray(parsed)) return new ArraySnap(parsed.map(compile));
  const o = parsed as Record<string, unknown>;
  const keys = Object.keys(o);
  return new ObjectSnap(keys, keys.map((k) => compile(o[k])));
}

export function snapshotOf(jsonText: string): Snapshot {
  return compile(JSON.parse(jsonText));
}

export function sameJson(value: unknown, snap: Snapshot): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value === snap;
    case 'number':
      return value === snap && Number.isFinite(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return snap === null;
  if (Array.isArray(value)) {
    if (!isPlainArray(value) || !(snap instanceof ArraySnap) || snap.items.length !== value.length) return false;
    for (let i = 0; i < value.length; i++) if (!sameJson(value[i], snap.items[i])) return false;
    return true;
  }
  if (!(snap instanceof ObjectSnap)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const o = value as Record<string, unknown>;
  let i = 0;
  // for…in: own keys in JSON.stringify's order (an inherited enumerable key only makes it unequal)
  for (const k in o) {
    if (!Object.hasOwn(o, k)) return false;
    if (i === snap.keys.length || k !== snap.keys[i] || !sameJson(o[k], snap.values[i])) return false;
    i++;
  }
  return i === snap.keys.length;
}
