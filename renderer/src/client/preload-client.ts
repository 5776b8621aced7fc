/**
 * Electron mode: window.hookscope (the preload bridge). Its methods resolve with the Result envelope
 * (plain objects cross contextBridge intact, an Error would lose its code and details): unwrap it like
 * the HTTP client does, so the UI sees the same ApiError(code, message, details) in both modes.
 * A rejection (not expected from the current bridge) still becomes an ApiError, its code read from a
 * `[code] ` message prefix when there is one.
 */
import { API_METHODS } from '../../../shared/api-methods';
import { parseBridgeError } from '../../../shared/bridge-error';
import { ApiError } from './api-error';
import { unwrapResult } from './result';
import type { HookscopeClient } from './types';

type AnyMethod = (args: unknown) => Promise<unknown>;

export function preloadClient(): HookscopeClient | null {
  const candidate = (globalThis as { hookscope?: unknown }).hookscope;
  if (!candidate || typeof candidate !== 'object' || typeof (candidate as { subscribe?: unknown }).subscribe !== 'function') {
    return null;
  }
  const bridge = candidate as Record<string, AnyMethod> & Pick<HookscopeClient, 'subscribe'>;
  const client: Record<string, unknown> = { subscribe: (listener: Parameters<HookscopeClient['subscribe']>[0]) => bridge.subscribe(listener) };
  for (const method of API_METHODS) {
    client[method] = async (args: unknown) => {
      let answer: unknown;
      try {
        answer = await bridge[method](args);
      } catch (error) {
        const { code, message } = parseBridgeError(error);
        throw new ApiError(code, message, (error as { details?: unknown } | null)?.details);
      }
      return unwrapResult(answer);
    };
  }
  return client as unknown as HookscopeClient;
}
