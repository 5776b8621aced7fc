/**
 * The local API of a running instance, from Node: the same HookscopeApi the UI uses, over the loopback
 * HTTP transport (POST /api/<method>, bearer token; events from GET /api/stream as Server-Sent Events).
 */
import { request as httpRequest } from 'node:http';
import type { HookscopeApi, HookscopeEvent } from '../../../shared/api';
import { API_METHODS, EVENT_NAMES } from '../../../shared/api-methods';
import { CliError } from './errors';

export type EventListener = (event: HookscopeEvent) => void;

export interface Subscription {
  close(): void;
  /** resolves when the instance ends the stream (it stopped); never after close() */
  ended: Promise<void>;
}

/** What commands need from an instance, remote (this client) or in-process (listen's own core). */
export interface ApiConnection {
  api: HookscopeApi;
  /** resolves once the stream is open, so nothing that happens afterwards is missed */
  subscribe(listener: EventListener): Promise<Subscription>;
}

export class ApiCallError extends CliError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ApiClientOptions {
  /** end the event stream when nothing (not even the server's 15 s heartbeat) arrives for this long: a peer that vanished without closing */
  streamIdleMs?: number;
  /** give up opening the event stream when the instance has not answered within this long (the caller opens it again) */
  streamOpenMs?: number;
}

export function createApiClient(ui: string, token: string, options: ApiClientOptions = {}): ApiConnection {
  const base = ui.replace(/\/+$/, '');
  async function call(method: string, args: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(args ?? {}),
      });
    } catch (error) {
      throw new ApiCallError('network', `Hookscope at ${base} is not reachable (${(error as Error).message}): is it still running?`);
    }
    if (res.status === 401) throw new ApiCallError('unauthorized', `Hookscope at ${base} refused the token: use the token of the running instance (or --data-dir to read it)`);
    let body: { ok?: boolean; value?: unknown; error?: { code?: string; message?: string } };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      throw new ApiCallError('bad_response', `Hookscope at ${base} answered HTTP ${res.status} without a JSON result`);
    }
    if (body.ok === true) return body.value;
    throw new ApiCallError(body.error?.code ?? 'internal', body.error?.message ?? `${method} failed`);
  }

  const api = {} as Record<string, (args: unknown) => Promise<unknown>>;
  for (const method of API_METHODS) api[method] = (args) => call(method, args);

  function subscribe(listener: EventListener): Promise<Subscription> {
    const known = new Set<string>(EVENT_NAMES);
    let closed = false;
    let markEnded: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (markEnded = resolve));
    return new Promise((resolve, reject) => {
      // a team workspace is usually reached over https
      // node:https (and TLS) loads only for such a workspace, not at every `serve` start
      const request = base.startsWith('https:') ? process.getBuiltinModule('node:https').request : httpRequest;
      const req = request(`${base}/api/stream`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (res) => {
        clearTimeout(opening);
        if (res.statusCode !== 200) {
          res.resume();
          const refused = res.statusCode === 401;
          reject(new ApiCallError(refused ? 'unauthorized' : 'stream', `Hookscope at ${base} refused the event stream (HTTP ${res.statusCode})${refused ? ': wrong token' : ''}`));
          return;
        }
        res.setEncoding('utf8');
        if (options.streamIdleMs) req.setTimeout(options.streamIdleMs, () => req.destroy());
        let buffer = '';
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let type = '';
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith('event: ')) type = line.slice(7);
              else if (line.startsWith('data: ')) data += line.slice(6);
            }
            if (!known.has(type)) continue;
            try {
              listener({ type, payload: JSON.parse(data) } as HookscopeEvent);
            } catch {
              // a malformed event is skipped, the stream goes on
            }
          }
        });
        res.on('close', () => {
          if (!closed) markEnded();
        });
        resolve({
          close() {
            closed = true;
            req.destroy();
          },
          ended,
        });
      });
      // an instance that takes the connection and never answers would leave the stream opening forever
      const opening = options.streamOpenMs
        ? setTimeout(() => req.destroy(new Error(`no answer within ${Math.round(options.streamOpenMs! / 1000)} s`)), options.streamOpenMs)
        : undefined;
      req.on('error', (error) => {
        clearTimeout(opening);
        reject(new ApiCallError('network', `Hookscope at ${base} is not reachable (${error.message}): is it still running?`));
      });
      req.end();
    });
  }

  return { api: api as unknown as HookscopeApi, subscribe };
}
