/** window.hookscope in Electron, else the HTTP client of web mode (same origin as the UI). */
import { createHttpClient } from './http-client';
import { takePageToken } from './page-token';
import { preloadClient } from './preload-client';
import type { HookscopeClient } from './types';

export function createClient(): HookscopeClient {
  return preloadClient() ?? createHttpClient({ token: takePageToken() ?? '' });
}
