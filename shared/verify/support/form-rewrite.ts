/**
 * Sets parameters of an application/x-www-form-urlencoded text by replacing only their own `key=value`
 * parts: every other byte (the sender's percent-encoding, `+` for spaces, order) stays as it was.
 */
import { decodeComponent, encodeComponent } from './form';

/** the text with each given key set: first occurrence replaced in place, later ones dropped, absent ones appended */
export function setFormParams(text: string, updates: ReadonlyArray<readonly [string, string]>): string {
  const wanted = new Map(updates.map(([k, v]) => [k, v]));
  const done = new Set<string>();
  const parts: string[] = [];
  for (const part of text === '' ? [] : text.split('&')) {
    const eq = part.indexOf('=');
    const key = decodeComponent(eq < 0 ? part : part.slice(0, eq));
    if (key === null || !wanted.has(key)) {
      parts.push(part);
      continue;
    }
    if (done.has(key)) continue;
    done.add(key);
    parts.push(`${encodeComponent(key)}=${encodeComponent(wanted.get(key) as string)}`);
  }
  for (const [k, v] of wanted) if (!done.has(k)) parts.push(`${encodeComponent(k)}=${encodeComponent(v)}`);
  return parts.join('&');
}
