/** Case-insensitive access to raw headers kept in wire order. */
export function headerValues(rawHeaders: ReadonlyArray<readonly [string, string]>, name: string): string[] {
  const wanted = name.toLowerCase();
  const out: string[] = [];
  for (const [n, v] of rawHeaders) if (sameName(n, wanted)) out.push(v);
  return out;
}

/** first value, or null */
export function headerValue(rawHeaders: ReadonlyArray<readonly [string, string]>, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const [n, v] of rawHeaders) if (sameName(n, wanted)) return v;
  return null;
}

/** `name` equals the lower-cased `wanted` but for case; names of another length are not lower-cased first (per request, per header) */
function sameName(name: string, wanted: string): boolean {
  return name.length === wanted.length && (name === wanted || name.toLowerCase() === wanted);
}

/** media type without parameters, lower-cased; '' when absent */
export function mediaType(contentType: string | null): string {
  if (!contentType) return '';
  return contentType.split(';')[0].trim().toLowerCase();
}

/**
 * The entry a trusted proxy added to a comma-separated forwarding header (X-Forwarded-For,
 * X-Forwarded-Proto): the LAST one, across all occurrences. The tunnel appends its own value to
 * whatever the caller sent, so the first entries are attacker-controlled.
 */
export function lastForwardedEntry(rawHeaders: ReadonlyArray<readonly [string, string]>, name: string): string | null {
  const entries = headerValues(rawHeaders, name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return entries.length > 0 ? entries[entries.length - 1] : null;
}
