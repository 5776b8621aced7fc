/**
 * Electron mode: window.hookscope (the preload bridge). Its errors reach the page with only their
 * message (contextBridge drops other properties), the code travelling as a `[code] ` prefix:
 * rethrow them as ApiError so the UI sees the same error shape as in web mode.
 */
import { API_METHODS } from '../../../shared/api-methods';
import { parseBridgeError } from '../../../shared/bridge-error';
import { ApiError } from './api-error';
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
      try {
        return await bridge[method](args);
      } catch (error) {
        const { code, message } = parseBridgeError(error);
        throw new ApiError(code, message, (error as { details?: unknown } | null)?.details);
      }
    };
  }
  return client as unknown as HookscopeClient;
}
