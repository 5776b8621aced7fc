/**
 * Web mode: the same interface over the loopback HTTP API (docs/api.md "Local API").
 * POST /api/<method> with a bearer token; the answer is always a Result envelope.
 * Events come from GET /api/stream?token=… (Server-Sent Events). A 401 from either means Hookscope
 * restarted with a new token: the client reports 'unauthorized' once and stops retrying.
 */
import type { ApiMethod } from '../../../shared/api';
import { API_METHODS, EVENT_NAMES } from '../../../shared/api-methods';
import { ApiError } from './api-error';
import { unwrapResult } from './result';
import type { ApiEvent, ClientEvent, ClientListener, HookscopeClient, StreamState } from './types';

export interface EventSourceLike {
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
  close(): void;
  /** 2 (CLOSED) after an error the browser will not retry by itself (e.g. HTTP 401 after a restart) */
  readonly readyState?: number;
}

/** EventSource.CLOSED */
const CLOSED = 2;
/** delays between reopen attempts of a stream the browser gave up on: 1 s, 2 s, 4 s … at most 30 s */
export function reopenDelayMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
}

export interface HttpClientOptions {
  token: string;
  /** '' for the same origin */
  baseUrl?: string;
  fetch?: typeof fetch;
  createEventSource?: (url: string) => EventSourceLike;
  /** timers for reopening a closed stream (tests pass fakes) */
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

function browserEventSource(url: string): EventSourceLike {
  const Ctor = (globalThis as { EventSource?: new (url: string) => EventSourceLike }).EventSource;
  if (!Ctor) throw new Error('EventSource is not available in this environment');
  return new Ctor(url);
}

export function createHttpClient(options: HttpClientOptions): HookscopeClient {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const listeners = new Set<ClientListener>();
  let source: EventSourceLike | null = null;
  let reopenTimer: unknown = null;
  let reopenAttempts = 0;
  let lastState: StreamState | null = null;
  /** the server refused the token: final for this page (a restarted Hookscope never accepts it again) */
  let unauthorized = false;
  const setTimer = options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));

  function emit(event: ClientEvent): void {
    for (const listener of [...listeners]) listener(event);
  }

  function setState(state: StreamState): void {
    if (state === lastState) return;
    lastState = state;
    emit({ type: 'streamState', payload: { state } });
  }

  function markUnauthorized(): void {
    if (unauthorized) return;
    unauthorized = true;
    if (reopenTimer !== null) clearTimer(reopenTimer);
    reopenTimer = null;
    source?.close();
    source = null;
    setState('unauthorized');
  }

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
      markUnauthorized();
      throw new ApiError('unauthorized', 'The UI token is missing or wrong: open the exact URL that Hookscope printed (it ends with ?token=…).');
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new ApiError('bad_response', `Hookscope answered HTTP ${response.status} without a JSON result.`);
    }
    return unwrapResult(body);
  }

  function scheduleReopen(): void {
    if (unauthorized || source || reopenTimer !== null || listeners.size === 0) return;
    reopenTimer = setTimer(() => {
      reopenTimer = null;
      if (listeners.size > 0 && !source && !unauthorized) open();
    }, reopenDelayMs(reopenAttempts++));
  }

  function open(): void {
    const factory = options.createEventSource ?? browserEventSource;
    const es = factory(`${base}/api/stream?token=${encodeURIComponent(options.token)}`);
    es.addEventListener('open', () => {
      if (source !== es) return;
      reopenAttempts = 0;
      setState('open');
    });
    es.addEventListener('error', () => {
      if (source !== es) return;
      // the browser retries by itself (server down): say so, also when the stream never opened — a page
      // loaded just before Hookscope stopped would otherwise show nothing while it waits
      setState('reconnecting');
      if (es.readyState !== CLOSED) return;
      // the browser gave up: an HTTP error such as 401, which EventSource cannot show us. One API call
      // tells a refused token (final: call() marks it) from anything else (reopen with backoff).
      setState('reconnecting');
      es.close();
      source = null;
      void call('getStatus', {})
        .catch(() => undefined)
        .then(scheduleReopen);
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
    if (unauthorized) listener({ type: 'streamState', payload: { state: 'unauthorized' } });
    else if (!source && reopenTimer === null) open();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        if (reopenTimer !== null) clearTimer(reopenTimer);
        reopenTimer = null;
        reopenAttempts = 0;
        if (!unauthorized) lastState = null;
        source?.close();
        source = null;
      }
    };
  };
  return client;
}
