/**
 * exportDeliveries (docs/api.md "Local API"): HAR 1.2, cURL commands or JSON. Built only from the redacted view
 * (store.get), never from the raw body or raw headers, so an export cannot leak what the store masked.
 * The API handler writes the audit entry.
 */
import { STATUS_CODES } from 'node:http';
import type { DeliveryDetail } from '../../../shared/api';
import { HookscopeError } from '../../../shared/result';
import type { DeliveryStore } from '../store/types';
import { headerValue, stripHopByHop } from './header-policy';
import { curlCommand } from './command-text';

export type ExportFormat = 'har' | 'curl' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['har', 'curl', 'json'];

export async function exportDeliveries(store: DeliveryStore, ids: readonly string[], format: ExportFormat): Promise<{ text: string }> {
  if (!EXPORT_FORMATS.includes(format)) {
    throw new HookscopeError('invalid_argument', `format: must be one of ${EXPORT_FORMATS.join(', ')}`);
  }
  const details: DeliveryDetail[] = [];
  for (const [i, id] of ids.entries()) {
    const detail = await store.get(id);
    if (!detail) throw new HookscopeError('not_found', `ids[${i}]: no delivery "${id}" is stored (it may have been purged or erased)`);
    details.push(detail);
  }
  const text = format === 'har' ? toHar(details) : format === 'curl' ? toCurl(details) : `${JSON.stringify(details, null, 2)}\n`;
  return { text };
}

/** The URL the provider called, as far as the stored (redacted) request tells. */
function requestUrl(detail: DeliveryDetail): string {
  const host = headerValue(detail.headers, 'host') ?? 'localhost';
  const proto = headerValue(detail.headers, 'x-forwarded-proto') === 'https' ? 'https' : 'http';
  const path = detail.path.startsWith('/') ? detail.path : `/${detail.path}`;
  return `${proto}://${host}${path}`;
}

function queryOf(url: string): Array<{ name: string; value: string }> {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    // a Host header that makes no URL: leave the query list empty
    return [];
  }
}

const harHeaders = (headers: ReadonlyArray<readonly [string, string]>) => headers.map(([name, value]) => ({ name, value }));

/** the provider's request to Hookscope and Hookscope's answer */
function deliveryEntry(d: DeliveryDetail) {
  const url = requestUrl(d);
  return {
    startedDateTime: d.receivedAt,
    time: 0,
    request: {
      method: d.method,
      url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: harHeaders(d.headers),
      queryString: queryOf(url),
      ...(d.body.length > 0 ? { postData: { mimeType: d.contentType ?? '', text: d.body } } : {}),
      headersSize: -1,
      bodySize: d.size,
    },
    response: {
      status: d.status,
      statusText: STATUS_CODES[d.status] ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: 'application/json', comment: "Hookscope's answer; its body is not stored" },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
    comment: `Hookscope delivery ${d.id}: ${d.verdict}; headers and body are redacted`,
    _hookscope: {
      id: d.id,
      sourceId: d.sourceId,
      verdict: d.verdict,
      eventType: d.eventType,
      bodySha256: d.bodySha256,
      duplicateOf: d.duplicateOf,
      checks: d.checks.map((c) => ({ id: c.id, outcome: c.outcome, code: c.code, summary: c.summary })),
      forward: d.forward,
      attempts: d.attempts.map((a) => a.id),
    },
  };
}

/** one forward/replay attempt: the request as sent to the dev server, its answer and how long it took */
function attemptEntry(d: DeliveryDetail, a: DeliveryDetail['attempts'][number]) {
  const sent = a.request;
  const url = sent?.url ?? a.target;
  const contentType = a.responseHeaders.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? '';
  return {
    startedDateTime: a.at,
    time: a.durationMs,
    request: {
      method: sent?.method ?? d.method,
      url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: harHeaders(sent?.headers ?? []),
      queryString: queryOf(url),
      ...(sent && sent.body.length > 0 ? { postData: { mimeType: d.contentType ?? '', text: sent.body } } : {}),
      headersSize: -1,
      bodySize: sent?.bodySize ?? -1,
    },
    response: {
      // HAR's convention for "no response" (refused, timed out)
      status: a.status ?? 0,
      statusText: a.status === null ? (a.error ?? '') : (STATUS_CODES[a.status] ?? ''),
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: harHeaders(a.responseHeaders),
      content: { size: Buffer.byteLength(a.responseBody), mimeType: contentType, text: a.responseBody },
      redirectURL: '',
      headersSize: -1,
      bodySize: Buffer.byteLength(a.responseBody),
    },
    cache: {},
    // the sender measures the whole exchange; HAR wants it split, so it is all "wait"
    timings: { send: 0, wait: a.durationMs, receive: 0 },
    comment: `Hookscope ${a.mode} attempt ${a.id} for delivery ${d.id}; headers and bodies are redacted`,
    _hookscope: { attempt: a.id, deliveryId: d.id, mode: a.mode, error: a.error, bodySha256: sent?.bodySha256 ?? null },
  };
}

function toHar(details: DeliveryDetail[]): string {
  const entries = details.flatMap((d) => [deliveryEntry(d), ...d.attempts.map((a) => attemptEntry(d, a))]);
  const har = { log: { version: '1.2', creator: { name: 'Hookscope', version: '0.1.0' }, entries } };
  return `${JSON.stringify(har, null, 2)}\n`;
}

function toCurl(details: DeliveryDetail[]): string {
  return details
    .map((d) => {
      const lines = [`# ${d.id} · ${d.sourceId ?? 'unmatched'} · ${d.receivedAt} · ${d.verdict} (headers and body redacted)`];
      let body = d.body;
      if (body.includes('\u0000')) {
        lines.push('# the body contains NUL bytes, which a shell argument cannot carry: they are left out');
        body = body.replace(/\u0000/g, '');
      }
      lines.push(curlCommand(d.method, requestUrl(d), stripHopByHop(d.headers), body));
      return lines.join('\n');
    })
    .join('\n\n')
    .concat('\n');
}
