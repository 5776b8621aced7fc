/**
 * Parses a body for the JSON tree view; null when it is not JSON. Number leaves keep the exact text of
 * the body (JSON.parse source text access, Chrome 114+), so ids above 2^53 are not rounded.
 */

/** A number leaf: `text` as written in the body (or String(value) where the engine gives no source). */
export class JsonNumber {
  constructor(readonly text: string) {}
}

export type JsonValue = null | boolean | JsonNumber | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonContainer = JsonValue[] | { [key: string]: JsonValue };

/** The reviver's third argument (not yet in TypeScript's lib); absent on older engines. */
interface ReviverContext {
  source?: string;
}

export function reviveNumber(_key: string, value: unknown, context?: ReviverContext): unknown {
  if (typeof value !== 'number') return value;
  return new JsonNumber(typeof context?.source === 'string' ? context.source : String(value));
}

export function parseJsonBody(body: string): JsonValue | null {
  const trimmed = body.trim();
  if (!trimmed || (trimmed[0] !== '{' && trimmed[0] !== '[')) return null;
  try {
    return JSON.parse(trimmed, reviveNumber as (key: string, value: unknown) => unknown) as JsonValue;
  } catch {
    return null;
  }
}

export function isContainer(value: JsonValue): value is JsonContainer {
  return value !== null && typeof value === 'object' && !(value instanceof JsonNumber);
}

export function containerSummary(value: JsonContainer): string {
  if (Array.isArray(value)) return `[${value.length} item${value.length === 1 ? '' : 's'}]`;
  const n = Object.keys(value).length;
  return `{${n} key${n === 1 ? '' : 's'}}`;
}

export function scalarText(value: JsonValue): string {
  if (value instanceof JsonNumber) return value.text;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export function scalarKind(value: JsonValue): 'null' | 'boolean' | 'number' | 'string' {
  if (value === null) return 'null';
  if (value instanceof JsonNumber) return 'number';
  return typeof value === 'string' ? 'string' : 'boolean';
}

/** Containers down to this depth start expanded; deeper ones render their children only once opened. */
export const OPEN_DEPTH = 3;
export const MAX_CHILDREN = 200;

/** The children a container shows (at most `limit`) and how many it leaves out. */
export function shownChildren(value: JsonContainer, limit = MAX_CHILDREN): { entries: Array<[string, JsonValue]>; more: number } {
  const all: Array<[string, JsonValue]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  return { entries: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}
