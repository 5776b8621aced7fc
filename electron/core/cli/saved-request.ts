/**
 * A request saved from a log or a terminal, for `verify`: the headers file is either JSON (an object
 * or [name, value] pairs) or HTTP text — an optional request line (`POST /hooks/x HTTP/1.1`), then
 * `Name: value` lines (a blank line ends them).
 */
import { UsageError } from './errors';

export interface SavedHeaders {
  method: string | null;
  target: string | null;
  headers: Array<[string, string]>;
}

function fromJson(value: unknown, flag: string): Array<[string, string]> {
  if (Array.isArray(value)) {
    return value.map((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
        throw new UsageError(`${flag}: entry ${i} must be a [name, value] pair of strings`);
      }
      return [pair[0], pair[1]];
    });
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).map(([name, v]) => {
      if (typeof v === 'string') return [name, v];
      if (typeof v === 'number') return [name, String(v)];
      throw new UsageError(`${flag}: the value of "${name}" must be a string`);
    });
  }
  throw new UsageError(`${flag}: JSON headers must be an object or a list of [name, value] pairs`);
}

export function parseSavedHeaders(text: string, flag = '--headers'): SavedHeaders {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new UsageError(`${flag}: the file starts like JSON but is not valid JSON`);
    }
    return { method: null, target: null, headers: fromJson(value, flag) };
  }
  const out: SavedHeaders = { method: null, target: null, headers: [] };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let n = 0;
  while (n < lines.length && lines[n].trim() === '') n++;
  const requestLine = /^([A-Z]+) (\S+)(?: HTTP\/\d(?:\.\d)?)?$/.exec(lines[n]?.trim() ?? '');
  if (requestLine) {
    out.method = requestLine[1];
    out.target = requestLine[2];
    n++;
  }
  for (; n < lines.length; n++) {
    const line = lines[n];
    if (line.trim() === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new UsageError(`${flag}: line ${n + 1} is not "Name: value"`);
    out.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  if (out.headers.length === 0) throw new UsageError(`${flag}: no headers found: give "Name: value" lines or a JSON object`);
  return out;
}
