/**
 * Structural diff of two deliveries' redacted headers and bodies: which paths were added, removed or
 * changed — not which lines. Pure; the renderer shows the result (docs/architecture.md, shared layer).
 */

export type DiffKind = 'added' | 'removed' | 'changed';

export interface DiffEntry {
  /** `body.data.items[2].id`, `header.content-type`, or `body` when a body is not JSON */
  path: string;
  kind: DiffKind;
  /** JSON text of the value on the left (absent when added) */
  before?: string;
  /** JSON text of the value on the right (absent when removed) */
  after?: string;
}

/** Past this many entries the rest is only counted, so a huge body cannot freeze the view. */
export const MAX_DIFF_ENTRIES = 500;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => JSON.stringify(v) ?? String(v);
const IDENT = /^[A-Za-z_$][\w$]*$/;
const child = (path: string, key: string) => (IDENT.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`);

/** Every path where `a` and `b` differ, in document order. */
export function diffJson(a: unknown, b: unknown, root = 'body', out: DiffEntry[] = []): DiffEntry[] {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) step(a, b, i, `${root}[${i}]`, out);
  } else if (isObject(a) && isObject(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !Object.hasOwn(a, k))];
    for (const k of keys) step(a, b, k, child(root, k), out);
  } else if (show(a) !== show(b)) {
    out.push({ path: root, kind: 'changed', before: show(a), after: show(b) });
  }
  return out;
}

function step(a: object, b: object, key: string | number, path: string, out: DiffEntry[]) {
  const inA = Object.hasOwn(a, key);
  const inB = Object.hasOwn(b, key);
  const va = (a as Record<string | number, unknown>)[key];
  const vb = (b as Record<string | number, unknown>)[key];
  if (inA && !inB) out.push({ path, kind: 'removed', before: show(va) });
  else if (!inA && inB) out.push({ path, kind: 'added', after: show(vb) });
  else diffJson(va, vb, path, out);
}

/** Header names compared case-insensitively; a repeated header is compared as its values joined by ", ". */
export function diffHeaders(a: Array<[string, string]>, b: Array<[string, string]>): DiffEntry[] {
  const byName = (headers: Array<[string, string]>) => {
    const map = new Map<string, string>();
    for (const [name, value] of headers) {
      const key = name.toLowerCase();
      map.set(key, map.has(key) ? `${map.get(key)}, ${value}` : value);
    }
    return map;
  };
  const left = byName(a);
  const right = byName(b);
  const out: DiffEntry[] = [];
  for (const name of new Set([...left.keys(), ...right.keys()])) {
    const before = left.get(name);
    const after = right.get(name);
    const path = `header.${name}`;
    if (after === undefined) out.push({ path, kind: 'removed', before });
    else if (before === undefined) out.push({ path, kind: 'added', after });
    else if (before !== after) out.push({ path, kind: 'changed', before, after });
  }
  return out;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export interface DeliveryDiff {
  entries: DiffEntry[];
  /** entries past MAX_DIFF_ENTRIES, counted but not listed */
  omitted: number;
  /** false when either body is not JSON: then the bodies are compared as whole texts */
  structural: boolean;
}

/** Headers, then the bodies: structurally when both are JSON, else as one `body` entry if the texts differ. */
export function diffDeliveries(
  a: { headers: Array<[string, string]>; body: string },
  b: { headers: Array<[string, string]>; body: string },
): DeliveryDiff {
  const entries = diffHeaders(a.headers, b.headers);
  const left = parseJson(a.body);
  const right = parseJson(b.body);
  const structural = left.ok && right.ok;
  if (left.ok && right.ok) diffJson(left.value, right.value, 'body', entries);
  else if (a.body !== b.body) entries.push({ path: 'body', kind: 'changed', before: a.body, after: b.body });
  return { entries: entries.slice(0, MAX_DIFF_ENTRIES), omitted: Math.max(0, entries.length - MAX_DIFF_ENTRIES), structural };
}
