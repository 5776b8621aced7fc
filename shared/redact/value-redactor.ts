/**
 * Redactor.value: the same as json(JSON.stringify(value)) for a value in memory (check results). The value
 * is walked instead of its text scanned; the elements of a top-level array that repeat from one call to
 * the next are recognised and their redaction reused.
 */
import { sameJson, snapshotOf, type Snapshot } from './json-snapshot';
import { redactValue, UNSUPPORTED } from './json-value';
import type { RedactRules } from './rules';

/** positions of a top-level array whose last element is remembered */
const SEEN_POSITIONS = 16;
/** repeats of the same element text after which it is compared by snapshot instead of by text */
const SNAPSHOT_AFTER = 3;

/** `json` redacts JSON text with the same rules (the fallback for what the walk does not model) */
export function createValueRedactor(rules: RedactRules, json: (text: string) => string): (value: unknown) => string {
  const one = (v: unknown, text: string): string => {
    const red = redactValue(v, null, rules);
    if (red === v) return text;
    return red === UNSUPPORTED ? json(text) : JSON.stringify(red);
  };
  // per position of a top-level array, the last element if it had nothing to mask (its text is then also
  // its redaction), and once it repeats a snapshot of it: the check chain reports its checks in a fixed
  // order and most repeat from one request to the next; comparing with a snapshot costs less than
  // serialising again. Only clean elements are kept, so unredacted text never outlives its call.
  const seenClean: Array<string | undefined> = new Array<string | undefined>(SEEN_POSITIONS).fill(undefined);
  const seenSnap: Array<Snapshot | undefined> = new Array<Snapshot | undefined>(SEEN_POSITIONS).fill(undefined);
  const seenRepeats: number[] = new Array<number>(SEEN_POSITIONS).fill(0);
  return (v: unknown): string => {
    if (!Array.isArray(v)) return one(v, JSON.stringify(v));
    const out = new Array<string>(v.length);
    for (let i = 0; i < v.length; i++) {
      const remembered = i < SEEN_POSITIONS;
      const clean = remembered ? seenClean[i] : undefined;
      const snap = remembered ? seenSnap[i] : undefined;
      if (clean !== undefined && snap !== undefined && sameJson(v[i], snap)) {
        out[i] = clean;
        continue;
      }
      // JSON.stringify puts null where an array holds undefined, a function or a symbol
      const text = JSON.stringify(v[i]) ?? 'null';
      if (clean === text) {
        out[i] = text;
        // a snapshot pays off for an element that keeps repeating, not for one that only happened to twice
        if (++seenRepeats[i] === SNAPSHOT_AFTER) seenSnap[i] = snapshotOf(text);
        continue;
      }
      out[i] = one(v[i], text);
      if (remembered) {
        seenClean[i] = out[i] === text ? text : undefined;
        seenSnap[i] = undefined;
        seenRepeats[i] = 0;
      }
    }
    return `[${out.join(',')}]`;
  };
}
