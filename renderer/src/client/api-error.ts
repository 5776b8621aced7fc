/** An API failure as the UI sees it: the Result envelope's error, thrown. */
export class ApiError extends Error {
  readonly code: string;
  readonly details?: unknown;

  constructor(code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
}

export interface FieldIssue {
  field: string;
  message: string;
}

/** The `{field, message}` list carried by invalid_config / invalid_argument errors, else []. */
export function fieldIssues(error: unknown): FieldIssue[] {
  if (!error || typeof error !== 'object') return [];
  const details = (error as { details?: unknown }).details;
  if (!Array.isArray(details)) return [];
  return details.flatMap((d: unknown) => {
    if (d && typeof d === 'object' && typeof (d as FieldIssue).field === 'string' && typeof (d as FieldIssue).message === 'string') {
      return [{ field: (d as FieldIssue).field, message: (d as FieldIssue).message }];
    }
    return [];
  });
}

/** A one-line message for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}

export function errorCode(error: unknown): string | null {
  if (error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string') {
    return (error as { code: string }).code;
  }
  return null;
}
