/** application/x-www-form-urlencoded parsing and serialising (order and repeats kept). */
export type Params = Array<[string, string]>;

/** decodes one component ('+' is a space); null on invalid percent-encoding or invalid UTF-8 */
export function decodeComponent(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

export type ParseParamsResult = { ok: true; params: Params } | { ok: false; reason: string };

export function parseParams(text: string): ParseParamsResult {
  const params: Params = [];
  if (text === '') return { ok: true, params };
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    const key = decodeComponent(rawKey);
    const value = decodeComponent(rawValue);
    if (key === null || value === null) {
      return { ok: false, reason: `invalid percent-encoding in parameter "${rawKey.slice(0, 40)}"` };
    }
    params.push([key, value]);
  }
  return { ok: true, params };
}

/** like parseParams but keeps undecodable parts raw (for query strings, which are never rejected) */
export function parseQueryLenient(query: string): Params {
  const params: Params = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    params.push([decodeComponent(rawKey) ?? rawKey, decodeComponent(rawValue) ?? rawValue]);
  }
  return params;
}

/** encodes one component the way forms do ('+' for a space) */
export function encodeComponent(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+');
}

export function serializeParams(params: Params): string {
  return params.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`).join('&');
}

export function paramValue(params: Params, name: string): string | null {
  for (const [k, v] of params) if (k === name) return v;
  return null;
}

/** splits a request target into path and query parameters */
export function splitTarget(target: string): { path: string; query: string } {
  const q = target.indexOf('?');
  return q < 0 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) };
}
