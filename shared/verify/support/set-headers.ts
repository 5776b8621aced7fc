/**
 * Puts fresh values into a header list without disturbing the rest: a header that is already there keeps
 * its position and the spelling of its name, and extra occurrences of it are dropped (a proof sent twice
 * is malformed); a header that is not there is appended.
 */
export function setHeaders(
  headers: ReadonlyArray<readonly [string, string]>,
  fresh: ReadonlyArray<readonly [string, string]>,
): Array<[string, string]> {
  const pending = new Map<string, string>();
  for (const [name, value] of fresh) pending.set(name.toLowerCase(), value);
  const freshNames = new Map(fresh.map(([name]) => [name.toLowerCase(), name]));
  const out: Array<[string, string]> = [];
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    if (!freshNames.has(key)) {
      out.push([name, value]);
      continue;
    }
    const next = pending.get(key);
    if (next !== undefined) {
      out.push([name, next]);
      pending.delete(key);
    }
  }
  for (const [key, value] of pending) out.push([freshNames.get(key) as string, value]);
  return out;
}

/** whether any of the names is present (case-insensitive) */
export function hasHeader(headers: ReadonlyArray<readonly [string, string]>, name: string): boolean {
  const wanted = name.toLowerCase();
  return headers.some(([n]) => n.toLowerCase() === wanted);
}
