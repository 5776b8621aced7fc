/**
 * Writes what the provider hears back. Header names are lower-cased, so one given twice in another
 * case is sent once (the chain's Content-Type and the receiver's were both sent before); the
 * Content-Length is always given, so node:http writes the body as is instead of chunked framing.
 */
import type { ServerResponse } from 'node:http';
import type { Answer } from '../ingest/respond';

/** the JSON answers the chain and the receiver give, with their length computed once */
const LENGTHS = new Map<string, string>();

function lengthOf(body: string): string {
  let length = LENGTHS.get(body);
  if (length === undefined) {
    length = String(Buffer.byteLength(body, 'utf8'));
    // only the few fixed answers are remembered, not every relayed dev-server body
    if (body.length <= 64 && LENGTHS.size < 64) LENGTHS.set(body, length);
  }
  return length;
}

export function writeAnswer(res: ServerResponse, answer: Answer, close: boolean): void {
  const headers: Record<string, string> = {};
  for (const name in answer.headers) headers[name.toLowerCase()] = answer.headers[name];
  headers['content-length'] = lengthOf(answer.body);
  if (close) headers.connection = 'close';
  res.writeHead(answer.status, headers).end(answer.body);
}
