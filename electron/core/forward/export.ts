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
import { shellQuote } from './shell-quote';

export type ExportFormat = 'har' | 'curl' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['har', 'curl', 'json'];

export function exportDeliveries(store: DeliveryStore, ids: readonly string[], format: ExportFormat): { text: string } {
  if (!EXPORT_FORMATS.includes(format)) {
    throw new HookscopeError('invalid_argument', `format: must be one of ${EXPORT_FORMATS.join(', ')}`);
  }
  const details = ids.map((id, i) => {
    const detail = store.get(id);
    if (!detail) throw new HookscopeError('not_found', `ids[${i}]: no delivery "${id}" is stored (it may have been purged or erased)`);
    return detail;
  });
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

function toHar(details: DeliveryDetail[]): string {
  const entries = details.map((d) => {
    const url = requestUrl(d);
    let query: Array<{ name: string; value: string }> = [];
    try {
      query = [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
    } catch {
      // a Host header that makes no URL: leave the query list empty
    }
    return {
      startedDateTime: d.receivedAt,
      time: 0,
      request: {
        method: d.method,
        url,
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: d.headers.map(([name, value]) => ({ name, value })),
        queryString: query,
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
        attempts: d.attempts,
      },
    };
  });
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
      const parts = [`curl -X ${shellQuote(d.method)} ${shellQuote(requestUrl(d))}`];
      for (const [name, value] of stripHopByHop(d.headers)) {
        // curl reads "-H @file" from a file; a real header name never starts with @
        if (!name.startsWith('@')) parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
      }
      // --data-raw: unlike --data-binary, a body starting with @ is not read as a file name
      if (body.length > 0) parts.push(`--data-raw ${shellQuote(body)}`);
      lines.push(parts.join(' \\\n  '));
      return lines.join('\n');
    })
    .join('\n\n')
    .concat('\n');
}
