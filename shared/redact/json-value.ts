/**
 * Redaction of a value still in memory (check results), with the same rules as the JSON text scanner:
 * redactValue(v) serialised equals redactJson(JSON.stringify(v)), without the serialise → scan → rewrite
 * round trip. Copy on write: what holds nothing to mask is returned as is.
 */
import type { RedactRules } from './rules';
import { containerMask, objectKeyText, scalarMask, stringValueMask } from './value-rules';

/**
 * a value the walk does not model exactly (toJSON, class instances, array subclasses, inherited keys, a key
 * that would be masked). Check results are plain data: a getter that answers differently on each read is
 * not modelled.
 */
export const UNSUPPORTED: unique symbol = Symbol('unsupported');

/** only a digit or '@' lets a detector match (the decoded string; escapes no longer matter) */
function mayMatch(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 64) return true;
  }
  return false;
}

/** a real array that JSON.stringify serialises element by element (no toJSON, no subclass) */
export function isPlainArray(v: unknown[]): boolean {
  return Object.getPrototypeOf(v) === Array.prototype && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

function isPlainObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  // a "__proto__" key must stay an own property; defineProperty only then (it slows JSON.stringify)
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

/** the redacted value, or UNSUPPORTED (the caller then redacts its JSON text instead) */
export function redactValue(value: unknown, key: string | null, rules: RedactRules): unknown {
  switch (typeof value) {
    case 'string': {
      if (!mayMatch(value) && (key === null || !rules.isConfiguredKey(key))) return value;
      return stringValueMask(value, key, rules) ?? value;
    }
    case 'number':
      return scalarMask(Number.isFinite(value) ? String(value) : 'null', key, rules) ?? value;
    case 'boolean':
      return scalarMask(value ? 'true' : 'false', key, rules) ?? value;
    case 'object':
      break;
    case 'bigint':
      return UNSUPPORTED;
    default:
      // undefined, functions, symbols: JSON.stringify leaves them out (null in an array), the scanner never sees them
      return value;
  }
  if (value === null) return scalarMask('null', key, rules) ?? value;
  if (Array.isArray(value)) {
    if (!isPlainArray(value)) return UNSUPPORTED;
    const mask = containerMask(key, rules);
    if (mask !== null) return mask;
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      // an array's elements keep the key that names the array
      const red = redactValue(value[i], key, rules);
      if (red === UNSUPPORTED) return UNSUPPORTED;
      if (red !== value[i] && out === null) out = value.slice();
      if (out !== null) out[i] = red;
    }
    return out ?? value;
  }
  if (!isPlainObject(value)) return UNSUPPORTED;
  const mask = containerMask(key, rules);
  if (mask !== null) return mask;
  const obj = value as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  // for…in: own keys in JSON.stringify's order (a plain object inherits none), with V8's enum cache
  for (const k in obj) {
    // an inherited enumerable key (a polluted prototype): JSON.stringify would leave it out
    if (!Object.hasOwn(obj, k)) return UNSUPPORTED;
    // a masked key could collide with another: left to the text scanner, which keeps both
    if (mayMatch(k) && objectKeyText(k, rules) !== k) return UNSUPPORTED;
    const v = obj[k];
    const red = redactValue(v, k, rules);
    if (red === UNSUPPORTED) return UNSUPPORTED;
    if (red !== v && out === null) {
      out = {};
      for (const j in obj) {
        if (j === k) break;
        setOwn(out, j, obj[j]);
      }
    }
    if (out !== null) setOwn(out, k, red);
  }
  return out ?? value;
}
