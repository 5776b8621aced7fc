/**
 * Errors from `window.hookscope` (the Electron preload bridge) carry the Result error code.
 * Electron's contextBridge copies only an Error's message into the page, so the code also travels
 * inside the message as a `[code] ` prefix; `parseBridgeError` recovers `{code, message}` on the
 * page side (the renderer's client uses it to give IPC errors the same shape as HTTP ones).
 */
const PREFIX = /^\[([a-z][a-z0-9_]{0,63})\] /;

export function bridgeErrorMessage(code: string, message: string): string {
  return `[${code}] ${message}`;
}

export function parseBridgeError(error: unknown): { code: string; message: string } {
  const own = error as { code?: unknown; message?: unknown } | null;
  const raw = typeof own?.message === 'string' ? own.message : String(error);
  const match = PREFIX.exec(raw);
  const message = match ? raw.slice(match[0].length) : raw;
  if (typeof own?.code === 'string') return { code: own.code, message };
  return { code: match ? match[1] : 'internal', message };
}
