/** What goes into the blind index (erasure by value without storing values). */
import { extractBlindValues, isCredentialHeader, isSignatureHeader } from '../../../shared/redact';

/** per header name, whether its value is left out: the same handful of names on every request (bounded against hostile ones) */
const leftOut = new Map<string, boolean>();
const LEFT_OUT_MAX = 2048;

function isLeftOut(name: string): boolean {
  let out = leftOut.get(name);
  if (out === undefined) {
    out = isSignatureHeader(name) || isCredentialHeader(name);
    if (leftOut.size >= LEFT_OUT_MAX) leftOut.clear();
    leftOut.set(name, out);
  }
  return out;
}

/** normalised blind values of a delivery: body, request target and header values (credentials and signatures left out) */
export function blindValuesOf(bodyText: string, target: string, headers: ReadonlyArray<readonly [string, string]>): string[] {
  const parts = [bodyText, target];
  for (const [name, value] of headers) if (!isLeftOut(name)) parts.push(value);
  return extractBlindValues(parts);
}
