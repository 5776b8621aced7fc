/**
 * Sends exact bytes to a checked target with node:http/https and records the answer: status, duration,
 * response headers and the first 64 KiB of the response body (reading stops there).
 */
import http from 'node:http';
import type * as https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { Attempt } from '../../../shared/api';
import { describeSendError } from './send-error';
import type { ResolvedTarget } from './target-policy';

export const MAX_RESPONSE_BYTES = 64 * 1024;
export const DEFAULT_TIMEOUT_MS = 5000;

export interface SendRequest {
  target: ResolvedTarget;
  /** path and query to request; default: the target's own */
  path?: string;
  method: string;
  /** final headers in order (the header policy already applied); Content-Length is set here */
  headers: Array<[string, string]>;
  body: Uint8Array;
  timeoutMs?: number;
}

/** the answer's part of an attempt (its fields are documented once, in shared/api.ts) */
export type SendResult = Pick<Attempt, 'status' | 'durationMs' | 'headersMs' | 'error' | 'responseHeaders' | 'responseBody'>;

export interface Sender {
  send(request: SendRequest): Promise<SendResult>;
  /** closes idle keep-alive sockets */
  close(): void;
}

/** response headers whose values are not worth keeping */
const MASKED_RESPONSE_HEADERS = new Set(['set-cookie', 'authorization', 'proxy-authenticate', 'www-authenticate']);

export function createHttpSender(options: { maxResponseBytes?: number; maxSockets?: number } = {}): Sender {
  const limit = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const maxSockets = options.maxSockets ?? 8;
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets });
  // node:https (and TLS under it) loads with the first https target, not at every start (~10 ms of serve's start-up)
  let secureLib: { module: typeof https; agent: https.Agent } | null = null;
  const secureTransport = () => {
    if (!secureLib) {
      const module = process.getBuiltinModule('node:https');
      secureLib = { module, agent: new module.Agent({ keepAlive: true, maxSockets }) };
    }
    return secureLib;
  };

  function send(request: SendRequest): Promise<SendResult> {
    const { target } = request;
    const url = target.url;
    const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const body = Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
    const flat: string[] = [];
    if (!request.headers.some(([name]) => name.toLowerCase() === 'host')) flat.push('Host', url.host);
    for (const [name, value] of request.headers) {
      if (name.toLowerCase() === 'content-length') continue;
      flat.push(name, value);
    }
    const method = request.method.toUpperCase();
    if (body.length > 0 || !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(method)) {
      flat.push('Content-Length', String(body.length));
    }
    const secure = url.protocol === 'https:';
    const started = performance.now();

    return new Promise<SendResult>((resolve) => {
      let settled = false;
      const chunks: Buffer[] = [];
      let kept = 0;
      let status: number | null = null;
      let headersMs: number | null = null;
      let responseHeaders: Array<[string, string]> = [];

      const finish = (error: string | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({
          status,
          durationMs: Math.max(0, Math.round(performance.now() - started)),
          headersMs,
          error,
          responseHeaders,
          responseBody: Buffer.concat(chunks).toString('utf8'),
        });
      };

      const requestOptions: https.RequestOptions = {
        // connect to the address the policy checked, never to a fresh lookup of the name
        host: target.address,
        family: target.family,
        port: url.port ? Number(url.port) : secure ? 443 : 80,
        method,
        path: request.path ?? `${url.pathname}${url.search}`,
        headers: flat as unknown as http.OutgoingHttpHeaders,
        agent: secure ? secureTransport().agent : httpAgent,
        setHost: false,
      };
      if (secure) {
        if (!isIpLiteral(url.hostname)) requestOptions.servername = url.hostname;
        // a loopback dev server usually has a self-signed certificate; the bytes never leave the machine
        if (target.loopback) requestOptions.rejectUnauthorized = false;
      }

      const req = (secure ? secureTransport().module : http).request(requestOptions, (res) => {
        status = res.statusCode ?? null;
        headersMs = Math.max(0, Math.round(performance.now() - started));
        responseHeaders = pairs(res.rawHeaders);
        res.on('data', (chunk: Buffer) => {
          if (kept >= limit) return;
          const room = limit - kept;
          const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
          chunks.push(part);
          kept += part.length;
          if (kept >= limit) {
            // enough: stop reading and drop the connection rather than download the rest
            res.destroy();
            finish(null);
          }
        });
        res.on('end', () => finish(null));
        res.on('error', (error) => finish(status === null ? describeSendError(error, url, timeoutMs) : null));
        res.on('close', () => finish(null));
      });
      const timer = setTimeout(() => {
        const error = Object.assign(new Error('timeout'), { code: 'ETIMEDOUT_HOOKSCOPE' });
        finish(
          status === null
            ? describeSendError(error, url, timeoutMs)
            : `the dev server answered ${status} but did not finish the body within ${timeoutMs} ms`,
        );
        req.destroy(error);
      }, timeoutMs);
      req.on('error', (error) => finish(describeSendError(error, url, timeoutMs)));
      req.end(body);
    });
  }

  return {
    send,
    close() {
      httpAgent.destroy();
      secureLib?.agent.destroy();
    },
  };
}

function pairs(raw: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i];
    out.push([name, MASKED_RESPONSE_HEADERS.has(name.toLowerCase()) ? '«redacted»' : raw[i + 1]]);
  }
  return out;
}

function isIpLiteral(hostname: string): boolean {
  return hostname.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname);
}
