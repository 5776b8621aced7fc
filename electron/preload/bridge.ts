/**
 * Builds `window.hookscope`: one async function per API method plus `subscribe`, nothing else.
 * Pure (Electron's ipcRenderer comes in as `invoke` and `on`), so tests build it without Electron.
 */
import type { HookscopeApi, HookscopeEvent } from '../../shared/api';
import { API_METHODS, EVENT_NAMES, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/api-methods';
import { bridgeErrorMessage } from '../../shared/bridge-error';

export type Invoke = (channel: string, method: string, args: unknown) => Promise<unknown>;
/** Listens on a channel with the payload only (never the IpcRendererEvent); returns an off function. */
export type On = (channel: string, listener: (payload: unknown) => void) => () => void;

export type HookscopeBridge = HookscopeApi & {
  subscribe(listener: (event: HookscopeEvent) => void): () => void;
};

/**
 * An Error from the bridge: `code` and `details` are the Result's. Electron's contextBridge copies
 * only an Error's message into the page, so the code also travels in the message as a `[code] `
 * prefix (shared/bridge-error.ts parses it back); `details` does not cross the bridge.
 */
export class BridgeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(bridgeErrorMessage(code, message));
    this.name = 'HookscopeError';
  }
}

/** Unwraps a Result from the main process: its value, or a thrown BridgeError carrying the code. */
export function unwrapResult(answer: unknown): unknown {
  if (typeof answer === 'object' && answer !== null && 'ok' in answer) {
    const result = answer as { ok: unknown; value?: unknown; error?: { code?: unknown; message?: unknown; details?: unknown } };
    if (result.ok === true) return result.value;
    if (result.ok === false && result.error) {
      const code = typeof result.error.code === 'string' ? result.error.code : 'internal';
      const message = typeof result.error.message === 'string' ? result.error.message : 'The request failed.';
      throw new BridgeError(code, message, result.error.details);
    }
  }
  throw new BridgeError('internal', 'The main process sent an answer that is not a Result: restart Hookscope.');
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
    bridge[method] = async (args: unknown = {}) => unwrapResult(await invoke(IPC_INVOKE_CHANNEL, method, args));
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
