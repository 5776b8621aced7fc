/** How an attempt is named in the Forwarding and Compare tabs. */
import type { Attempt } from '../../../shared/api';
import { formatDateTime } from './format';

export const MODE_WORDS: Record<Attempt['mode'], string> = { auto: 'auto-forward', original: 'replay (original)', resign: 'replay (re-signed)' };

/** "replay (re-signed) at 2026-12-07 15:10:03.120 → 200" */
export function attemptName(attempt: Attempt): string {
  return `${MODE_WORDS[attempt.mode]} at ${formatDateTime(attempt.at)} → ${attempt.status ?? 'no response'}`;
}

/** newest first */
export function newestFirst(attempts: readonly Attempt[]): Attempt[] {
  return [...attempts].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
