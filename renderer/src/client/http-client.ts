/**
 * Web mode: the same interface over the loopback HTTP API (SPEC §11).
 * POST /api/<method> with a bearer token; the answer is always a Result envelope.
 * Events come from GET /api/stream?token=… (Server-Sent Events).
 */
import type { ApiMethod } from '../../../shared/api';
import { API_METHODS, EVENT_NAMES } from '../../../shared/api-methods';
import { ApiError } from './api-error';
import type { ApiEvent, ClientEvent, ClientListener, HookscopeClient } from './types';

export interface EventSourceLike {
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
  close(): void;
}

export interface HttpClientOptions {
  token: string;
  /** '' for the same origin */
  baseUrl?: string;
  fetch?: typeof fetch;
  createEventSource?: (url: string) => EventSourceLike;
}

function browserEventSource(url: string): EventSourceLike {
  const Ctor = (globalThis as { EventSource?: new (url: string) => EventSourceLike }).EventSource;
  if (!Ctor) throw new Error('EventSource is not available in this environment');
  return new Ctor(url);
}

type Envelope = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } };

function isEnvelope(x: unknown): x is Envelope {
  return !!x && typeof x === 'object' && typeof (x as { ok?: unknown }).ok === 'boolean';
}

export function createHttpClient(options: HttpClientOptions): HookscopeClient {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const listeners = new Set<ClientListener>();
  let source: EventSourceLike | null = null;

  async function call(method: ApiMethod, args: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await doFetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${options.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(args ?? {}),
      });
    } catch (error) {
      throw new ApiError('network', `Hookscope is not reachable (${error instanceof Error ? error.message : 'network error'}). Is it still running?`);
    }
    if (response.status === 401) {
      throw new ApiError('unauthorized', 'The UI token is missing or wrong: open the exact URL that Hookscope printed (it ends with ?token=…).');
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new ApiError('bad_response', `Hookscope answered HTTP ${response.status} without a JSON result.`);
    }
    if (!isEnvelope(body)) throw new ApiError('bad_response', 'Hookscope answered with an unexpected shape.');
    if (body.ok) return body.value;
    throw new ApiError(body.error.code, body.error.message, body.error.details);
  }

  function emit(event: ClientEvent): void {
    for (const listener of [...listeners]) listener(event);
  }

  function open(): void {
    const factory = options.createEventSource ?? browserEventSource;
    const es = factory(`${base}/api/stream?token=${encodeURIComponent(options.token)}`);
    let wasOpen = false;
    es.addEventListener('open', () => {
      emit({ type: 'streamState', payload: { state: 'open' } });
      wasOpen = true;
    });
    es.addEventListener('error', () => {
      if (wasOpen) emit({ type: 'streamState', payload: { state: 'reconnecting' } });
      wasOpen = false;
    });
    for (const name of EVENT_NAMES) {
      es.addEventListener(name, (message: { data?: unknown }) => {
        if (typeof message.data !== 'string') return;
        let payload: unknown;
        try {
          payload = JSON.parse(message.data);
        } catch {
          return;
        }
        emit({ type: name, payload } as ApiEvent);
      });
    }
    source = es;
  }

  const api = {} as Record<ApiMethod, (args: unknown) => Promise<unknown>>;
  for (const method of API_METHODS) api[method] = (args: unknown) => call(method, args);

  const client = api as unknown as HookscopeClient;
  client.subscribe = (listener: ClientListener) => {
    listeners.add(listener);
    if (!source) open();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && source) {
        source.close();
        source = null;
      }
    };
  };
  return client;
}
