/** URL helpers: WHATWG normalisation and joining a base URL with a request target. */

/** WHATWG-normalised URL string, or the input when it does not parse */
export function normalizeUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

/** base URL + request target (path and query), normalised */
export function joinUrl(base: string, target: string): string {
  return normalizeUrl(base.replace(/\/+$/, '') + (target.startsWith('/') ? target : `/${target}`));
}
