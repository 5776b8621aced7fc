/**
 * Respond mode "relay": the delivery goes to the dev server (the source's forward.url, under the same
 * target policy and re-sign setting as auto-forward) while the provider waits, and the provider gets
 * the dev server's status, a safe subset of its headers and its body (bounded). The send is recorded
 * as the delivery's forward attempt. No answer in time: 504; no answer at all: 502.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { HookscopeError } from '../../../shared/result';
import type { Clock, CryptoPort } from '../../../shared/verify/ports';
import type { ChainSource } from '../../../shared/verify/types';
import { newAttemptId } from '../forward/attempt-id';
import { createHttpSender, type Sender, type SendResult } from '../forward/http-sender';
import { prepareOriginal, prepareResigned, queryOf, sentRequest } from '../forward/prepare-request';
import { checkTarget, displayTarget, type LookupFn } from '../forward/target-policy';
import type { DeliveryStore, NewAttempt, SentRequestRaw } from '../store/types';
import type { Answer, HeldRequest } from './respond';

/** dev-server headers a provider may see: what describes the body and when to retry, nothing else */
const RELAYED_HEADERS = new Set(['content-type', 'retry-after', 'cache-control']);

export interface RelayAnswerer {
  answer(source: ChainSource, request: HeldRequest, timeoutMs: number): Promise<Answer>;
  close(): void;
}

export interface RelayAnswerDeps {
  store: Pick<DeliveryStore, 'recordAttempt'>;
  clock: Clock;
  crypto: CryptoPort;
  allowRemoteTargets(): boolean;
  onUpdated(deliveryId: string): void;
  log(level: 'warn' | 'error', message: string): void;
  sender?: Sender;
  lookup?: LookupFn;
}

export function createRelayAnswerer(deps: RelayAnswerDeps): RelayAnswerer {
  const ownSender = !deps.sender;
  const sender = deps.sender ?? createHttpSender();
  const lookup: LookupFn = deps.lookup ?? ((host, options) => dnsLookup(host, options));

  async function send(
    source: ChainSource,
    request: HeldRequest,
    timeoutMs: number,
    now: number,
  ): Promise<{ target: string; result: SendResult; sent: SentRequestRaw }> {
    const forward = source.config.forward;
    if (!forward) throw new HookscopeError('no_forward_target', `Source "${source.config.id}" relays but has no forward.url`);
    const target = await checkTarget(forward.url, { allowRemoteTargets: deps.allowRemoteTargets(), lookup });
    const captured = { method: request.method, headers: request.headers, body: request.body, query: queryOf(request.target) };
    const prepared = forward.resign
      ? prepareResigned(captured, { target, deliveryId: request.deliveryId, source, now, crypto: deps.crypto })
      : prepareOriginal(captured, target, request.deliveryId);
    const result = await sender.send({ target, path: prepared.path, method: prepared.method, headers: prepared.headers, body: prepared.body, timeoutMs });
    return { target: displayTarget(target.url), result, sent: sentRequest(target, prepared) };
  }

  return {
    async answer(source, request, timeoutMs) {
      const now = deps.clock.now();
      let target = source.config.forward?.url ?? '';
      let result: SendResult;
      let sent: SentRequestRaw | null = null;
      try {
        ({ target, result, sent } = await send(source, request, timeoutMs, now));
      } catch (error) {
        const message = error instanceof HookscopeError ? error.message : `could not prepare the request: ${(error as Error).name}`;
        result = { status: null, durationMs: 0, error: message, responseHeaders: [], responseBody: '' };
        target = safeDisplay(target);
      }
      const delivered = result.status !== null && result.status >= 200 && result.status < 300;
      const attempt: NewAttempt = { id: newAttemptId(deps.crypto, now), at: new Date(now).toISOString(), target, mode: 'auto', ...result };
      const answer = toAnswer(result, timeoutMs);
      try {
        // the provider hears the dev server's status (or 502/504): the list shows that, not the chain's 200
        const forward = { state: delivered ? 'delivered' : 'failed', nextAttemptAt: null, answeredStatus: answer.status } as const;
        await deps.store.recordAttempt(request.deliveryId, attempt, forward, sent);
        deps.onUpdated(request.deliveryId);
      } catch (error) {
        deps.log('error', `Could not record the relay attempt (${(error as Error).name}); the provider still gets the dev server's answer`);
      }
      return answer;
    },
    close() {
      if (ownSender) sender.close();
    },
  };
}

function toAnswer(result: SendResult, timeoutMs: number): Answer {
  if (result.status === null) {
    // the sender's own timer fires at timeoutMs after the start, so a timeout never reports less
    const timedOut = result.durationMs >= timeoutMs;
    return timedOut
      ? { status: 504, headers: { 'content-type': 'application/json' }, body: '{"error":"Gateway Timeout"}' }
      : { status: 502, headers: { 'content-type': 'application/json' }, body: '{"error":"Bad Gateway"}' };
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of result.responseHeaders) {
    const lower = name.toLowerCase();
    if (RELAYED_HEADERS.has(lower) && !(lower in headers)) headers[lower] = value;
  }
  return { status: result.status, headers, body: result.responseBody };
}

function safeDisplay(target: string): string {
  try {
    return displayTarget(new URL(target));
  } catch {
    return '(no target)';
  }
}
