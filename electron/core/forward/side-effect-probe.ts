/**
 * The side-effect probe of a chaos run: a GET on the user's dev server that answers JSON (a counter, a
 * list of processed events…), read before and after. Loopback only, always — whatever
 * replay.allowRemoteTargets says: it is a question to the user's own machine.
 */
import { HookscopeError } from '../../../shared/result';
import type { Sender } from './http-sender';
import type { ProbeReading } from './idempotency-report';
import { checkTarget, type LookupFn, type ResolvedTarget } from './target-policy';

const PROBE_TIMEOUT_MS = 5000;

export interface Probe {
  /** parsed JSON, or a sentence saying why it could not be read */
  read(): Promise<ProbeReading | string>;
}

export async function openProbe(url: string, deps: { sender: Sender; lookup: LookupFn; redactJson(text: string): string }): Promise<Probe> {
  let target: ResolvedTarget;
  try {
    target = await checkTarget(url, { allowRemoteTargets: false, lookup: deps.lookup });
  } catch (error) {
    const why = error instanceof HookscopeError ? error.message.replace(/^target: /, '') : String(error);
    throw new HookscopeError('invalid_argument', `probe: ${why} (the probe must be a GET URL on this machine, such as http://localhost:3000/debug/processed-count)`);
  }
  return {
    async read() {
      const result = await deps.sender.send({ target, method: 'GET', headers: [['Accept', 'application/json']], body: new Uint8Array(0), timeoutMs: PROBE_TIMEOUT_MS });
      if (result.status === null) return result.error ?? 'no answer';
      if (result.status < 200 || result.status >= 300) return `it answered ${result.status}`;
      let value: unknown;
      try {
        value = JSON.parse(result.responseBody);
      } catch {
        return 'it did not answer JSON';
      }
      // shown to the user and kept in the API's answer: personal data masked like any body
      let shown: unknown;
      try {
        shown = JSON.parse(deps.redactJson(result.responseBody));
      } catch {
        shown = null;
      }
      return { value, shown };
    },
  };
}
