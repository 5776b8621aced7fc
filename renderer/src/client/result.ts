/**
 * The Result envelope every transport delivers (HTTP body in web mode, the preload bridge's answer in
 * Electron mode) and its one unwrap: the value, or a thrown ApiError with code, message and details.
 */
import { ApiError } from './api-error';

export type ResultEnvelope = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } };

export function isResultEnvelope(x: unknown): x is ResultEnvelope {
  return !!x && typeof x === 'object' && typeof (x as { ok?: unknown }).ok === 'boolean';
}

/** The value of an ok Result; throws ApiError for an error Result and 'bad_response' for anything else. */
export function unwrapResult(body: unknown): unknown {
  if (!isResultEnvelope(body)) throw new ApiError('bad_response', 'Hookscope answered with an unexpected shape.');
  if (body.ok) return body.value;
  const error: { code?: unknown; message?: unknown; details?: unknown } = body.error && typeof body.error === 'object' ? body.error : {};
  const code = typeof error.code === 'string' ? error.code : 'internal';
  const message = typeof error.message === 'string' ? error.message : 'The request failed.';
  throw new ApiError(code, message, error.details);
}
