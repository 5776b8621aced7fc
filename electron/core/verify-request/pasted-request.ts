/**
 * A request as a user pastes it into Settings: header lines ("Name: value"), optionally after a
 * request line ("POST /hooks/x HTTP/1.1"), and the body as text. Problems name the line and say how
 * to write it; nothing is guessed.
 */
import type { ConfigIssue } from '../../../shared/config';

export interface PastedHeaders {
  /** the request line's method and target, when one was pasted */
  method: string | null;
  target: string | null;
  headers: Array<[string, string]>;
}

export type PastedHeadersResult = { ok: true; value: PastedHeaders } | { ok: false; issues: ConfigIssue[] };

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const REQUEST_LINE = /^([A-Z]{3,10}) (\S+)(?: HTTP\/\d(?:\.\d)?)?$/;

function clip(line: string): string {
  return line.length > 40 ? `${line.slice(0, 37)}…` : line;
}

export function parsePastedHeaders(text: string, field = 'args.headers'): PastedHeadersResult {
  const lines = text.split(/\r?\n/);
  const headers: Array<[string, string]> = [];
  const issues: ConfigIssue[] = [];
  let method: string | null = null;
  let target: string | null = null;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const request = headers.length === 0 && method === null ? REQUEST_LINE.exec(line) : null;
    if (request) {
      method = request[1];
      target = request[2];
      return;
    }
    const colon = raw.indexOf(':');
    const name = colon > 0 ? raw.slice(0, colon).trim() : '';
    if (!TOKEN.test(name)) {
      issues.push({ field, message: `line ${i + 1} ("${clip(line)}") is not a header: write one per line as Name: value, e.g. X-Signature: sha256=…` });
      return;
    }
    // the value as sent, without the optional whitespace around it (RFC 9110 field values)
    headers.push([name, raw.slice(colon + 1).trim()]);
  });
  if (issues.length) return { ok: false, issues };
  if (headers.length === 0) {
    return { ok: false, issues: [{ field, message: 'has no header lines: paste the request headers, one per line as Name: value' }] };
  }
  return { ok: true, value: { method, target, headers } };
}
