/**
 * Which source a request target names: /hooks/<source id>[/] with the id %-decoded, else none. Asked per
 * request and the same few targets come back again and again, so the answer is remembered per target
 * (bounded: a flood of made-up paths only empties the memo).
 */
const HOOK_PATH = /^\/hooks\/([^/?#]+)\/?$/;
const MEMO_MAX = 256;

export interface Route {
  /** the target without its query */
  pathname: string;
  /** the %-decoded source id the path names (it may not be configured), or null */
  sourceId: string | null;
}

const memo = new Map<string, Route>();

/** A malformed %-escape in the path is no source (recorded as unmatched), never a crash. */
function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function routeOf(target: string): Route {
  let route = memo.get(target);
  if (route === undefined) {
    const q = target.indexOf('?');
    const pathname = q < 0 ? target : target.slice(0, q);
    const match = HOOK_PATH.exec(pathname);
    route = { pathname, sourceId: match ? safeDecode(match[1]) : null };
    if (memo.size >= MEMO_MAX) memo.clear();
    if (target.length <= 512) memo.set(target, route);
  }
  return route;
}
