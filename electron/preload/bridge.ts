/**
 * Builds `window.hookscope`: one async function per API method plus `subscribe`, nothing else.
 * Each method resolves with a Result envelope (see toBridgeResult), never rejects.
 * Pure (Electron's ipcRenderer comes in as `invoke` and `on`), so tests build it without Electron.
 */
import type { ApiArgs, ApiMethod, ApiValue, HookscopeEvent } from '../../shared/api';
import { API_METHODS, EVENT_NAMES, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/api-methods';

export type Invoke = (channel: string, method: string, args: unknown) => Promise<unknown>;
/** Listens on a channel with the payload only (never the IpcRendererEvent); returns an off function. */
export type On = (channel: string, listener: (payload: unknown) => void) => () => void;

/** What every bridge method resolves with: plain objects, which contextBridge copies intact. */
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; details?: unknown } };

export type HookscopeBridge = {
  [M in ApiMethod]: (args: ApiArgs<M>) => Promise<BridgeResult<ApiValue<M>>>;
} & {
  subscribe(listener: (event: HookscopeEvent) => void): () => void;
};

function failure(code: string, message: string, details?: unknown): BridgeResult<never> {
  return details === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, details } };
}

/**
 * Normalises the main process's answer into a Result envelope. The bridge RESOLVES with it instead of
 * throwing: Electron's contextBridge copies only an Error's message into the page, so a thrown error
 * would lose the code and the `details` ([{field, message}] of invalid_argument); a plain object keeps
 * them. The renderer (renderer/src/client/result.ts) unwraps it into the value or an ApiError.
 */
export function toBridgeResult(answer: unknown): BridgeResult<unknown> {
  if (typeof answer === 'object' && answer !== null && 'ok' in answer) {
    const result = answer as { ok: unknown; value?: unknown; error?: { code?: unknown; message?: unknown; details?: unknown } };
    if (result.ok === true) return { ok: true, value: result.value };
    if (result.ok === false && result.error && typeof result.error === 'object') {
      const code = typeof result.error.code === 'string' ? result.error.code : 'internal';
      const message = typeof result.error.message === 'string' ? result.error.message : 'The request failed.';
      return failure(code, message, result.error.details);
    }
  }
  return failure('internal', 'The main process sent an answer that is not a Result: restart Hookscope.');
}

function isHookscopeEvent(payload: unknown): payload is HookscopeEvent {
  if (typeof payload !== 'object' || payload === null) return false;
  const type = (payload as { type?: unknown }).type;
  return typeof type === 'string' && (EVENT_NAMES as string[]).includes(type);
}

export function buildBridge(invoke: Invoke, on: On): HookscopeBridge {
  const listeners = new Set<(event: HookscopeEvent) => void>();
  let off: (() => void) | null = null;

  const bridge: Record<string, unknown> = {};
  for (const method of API_METHODS) {
    bridge[method] = async (args: unknown = {}): Promise<BridgeResult<unknown>> => {
      let answer: unknown;
      try {
        answer = await invoke(IPC_INVOKE_CHANNEL, method, args);
      } catch (error) {
        // the IPC itself failed (no handler, the main process is shutting down …)
        return failure('internal', `The main process did not answer ${method}: ${error instanceof Error ? error.message : String(error)}`);
      }
      return toBridgeResult(answer);
    };
  }
  bridge.subscribe = (listener: (event: HookscopeEvent) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('subscribe(listener): listener must be a function');
    // a wrapper per call, so subscribing the same function twice gives two independent subscriptions
    const entry = (event: HookscopeEvent) => listener(event);
    listeners.add(entry);
    if (!off) {
      off = on(IPC_EVENT_CHANNEL, (payload) => {
        if (!isHookscopeEvent(payload)) return;
        for (const each of [...listeners]) {
          try {
            each(payload);
          } catch {
            // one failing listener must not starve the others
          }
        }
      });
    }
    return () => {
      listeners.delete(entry);
      if (listeners.size === 0 && off) {
        off();
        off = null;
      }
    };
  };
  return bridge as unknown as HookscopeBridge;
}
