/**
 * The Settings form's model of a source's `respond` (what the provider hears back): strings as typed,
 * turned into the config's shape on save; the server's validation names any bad field.
 */
import type { RespondConfig } from '../../../shared/config';
import { numberOrText as num } from './number-or-text';

export type RespondMode = RespondConfig['mode'];

export interface RespondDraft {
  mode: RespondMode;
  /** status mode */
  status: string;
  /** status and timeout modes */
  delayMs: string;
  /** sequence mode: "500, 500, 200" */
  statuses: string;
  /** relay mode */
  timeoutMs: string;
}

export const RESPOND_MODES: Array<{ mode: RespondMode; label: string; hint: string }> = [
  { mode: 'ack', label: 'Acknowledge (200)', hint: 'answer 200 as soon as the delivery is stored' },
  { mode: 'relay', label: 'Relay the dev server\'s answer', hint: 'the provider gets your dev server\'s status and body (504 when it is too slow); needs a forward URL' },
  { mode: 'status', label: 'Answer a chosen status', hint: 'e.g. 500 to watch the provider retry' },
  { mode: 'sequence', label: 'Sequence per event id', hint: 'the n-th arrival of an event id gets the n-th status; later ones the last' },
  { mode: 'timeout', label: 'Hold the answer', hint: 'answer only after a delay, past the provider\'s timeout' },
];

export function respondDraftFrom(respond: RespondConfig | undefined): RespondDraft {
  const draft: RespondDraft = { mode: 'ack', status: '500', delayMs: '0', statuses: '500, 200', timeoutMs: '5000' };
  if (!respond) return draft;
  switch (respond.mode) {
    case 'ack':
      return draft;
    case 'relay':
      return { ...draft, mode: 'relay', timeoutMs: String(respond.timeoutMs) };
    case 'status':
      return { ...draft, mode: 'status', status: String(respond.status), delayMs: String(respond.delayMs) };
    case 'sequence':
      return { ...draft, mode: 'sequence', statuses: respond.statuses.join(', ') };
    case 'timeout':
      return { ...draft, mode: 'timeout', delayMs: String(respond.delayMs) };
  }
}

export function respondFromDraft(draft: RespondDraft): Record<string, unknown> {
  switch (draft.mode) {
    case 'ack':
      return { mode: 'ack' };
    case 'relay':
      return { mode: 'relay', timeoutMs: num(draft.timeoutMs) };
    case 'status':
      return { mode: 'status', status: num(draft.status), delayMs: num(draft.delayMs || '0') };
    case 'sequence':
      return { mode: 'sequence', statuses: draft.statuses.split(/[\s,]+/).filter(Boolean).map(num) };
    case 'timeout':
      return { mode: 'timeout', delayMs: num(draft.delayMs) };
  }
}
