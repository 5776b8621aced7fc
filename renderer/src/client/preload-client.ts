/** Electron mode: window.hookscope (the preload) already has the HookscopeClient shape. */
import type { HookscopeClient } from './types';

export function preloadClient(): HookscopeClient | null {
  const candidate = (globalThis as { hookscope?: unknown }).hookscope;
  if (candidate && typeof candidate === 'object' && typeof (candidate as { subscribe?: unknown }).subscribe === 'function') {
    return candidate as HookscopeClient;
  }
  return null;
}
