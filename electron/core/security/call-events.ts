/**
 * Which event types report a call's end (seed 000: "monitor the failed/succeeded ratio"). Only event
 * types are used — a summary has no payload — so Vonage's `status: failed` is not visible here.
 *
 * A type counts when it is about a call — a word "call" (`call.failed`, `call_ended`, `CallCompleted`),
 * BlackBox's `<Outcome>WebHookPayload`, or a bare status (`failed`, `completed`) — and names an
 * outcome. `payment_failed` and `check_run.completed` are not calls.
 */
export type CallOutcome = 'failed' | 'succeeded';

const FAILED_WORDS = new Set(['failed', 'fail', 'failure', 'error', 'errored', 'busy', 'unanswered', 'rejected', 'noanswer']);
const SUCCEEDED_WORDS = new Set(['completed', 'complete', 'ended', 'finished', 'succeeded', 'success']);

/** `FailedWebHookPayload` → failed, web, hook, payload; `call.no-answer` → call, no, answer */
export function eventWords(eventType: string): string[] {
  return eventType
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** `CompletedWebHookPayload`, `FailedWebhookPayload`: one outcome word, then (web) hook payload */
function isBlackBoxPayload(words: string[]): boolean {
  const tail = words.slice(1).join(' ');
  return tail === 'web hook payload' || tail === 'webhook payload';
}

export function classifyCallEvent(eventType: string | null): CallOutcome | null {
  if (!eventType) return null;
  const raw = eventWords(eventType);
  const words: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 'no' && raw[i + 1] === 'answer') {
      words.push('noanswer');
      i++;
    } else {
      words.push(raw[i]);
    }
  }
  const aboutCall = words.includes('call') || words.includes('calls') || isBlackBoxPayload(words) || words.length === 1;
  if (!aboutCall) return null;
  if (words.some((w) => FAILED_WORDS.has(w))) return 'failed';
  if (words.some((w) => SUCCEEDED_WORDS.has(w))) return 'succeeded';
  return null;
}
