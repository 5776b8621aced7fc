/** What a provider's sample builder gets and returns. */
import type { GenericScheme } from '../../config';

export interface SampleOptions {
  /** the requested type, or undefined for the provider's most common one */
  eventType: string | undefined;
  now: number;
  randomId: () => string;
  scheme?: GenericScheme;
}

export interface Sample {
  body: Uint8Array;
  contentType: string;
  eventType: string;
}

export const JSON_TYPE = 'application/json';
export const FORM_TYPE = 'application/x-www-form-urlencoded';

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function secs(ms: number): number {
  return Math.floor(ms / 1000);
}
