/**
 * sendRequest: one request prepared elsewhere (a team workspace's replay, copied as json) sent from this
 * instance — so a replay from a shared server reaches the person's own localhost, and the server never
 * reaches into a laptop. The same target policy as a replay; the answer is redacted like an attempt's.
 */
import type { SendRequestArgs, SentRequestValue } from '../../../shared/api';
import type { Redactor } from '../../../shared/redact';
import { headerValue } from '../../../shared/verify/support/headers';
import type { Sender } from './http-sender';
import { checkTarget, type LookupFn } from './target-policy';

const TIMEOUT_MS = 30_000;

export interface SendRequestDeps {
  sender: Sender;
  allowRemoteTargets(): boolean;
  lookup: LookupFn;
  redactor(): Redactor;
  audit(action: string, subject: string | null, detail: Record<string, unknown>): Promise<void> | void;
}

export async function sendPreparedRequest(deps: SendRequestDeps, args: SendRequestArgs): Promise<SentRequestValue> {
  const target = await checkTarget(args.url, { allowRemoteTargets: deps.allowRemoteTargets(), lookup: deps.lookup });
  const result = await deps.sender.send({
    target,
    path: `${target.url.pathname}${target.url.search}`,
    method: args.method,
    headers: args.headers,
    body: new TextEncoder().encode(args.body),
    timeoutMs: TIMEOUT_MS,
  });
  await deps.audit('request_sent', null, { target: target.url.host, method: args.method, status: result.status });
  const r = deps.redactor();
  return {
    status: result.status,
    durationMs: result.durationMs,
    error: result.error === null ? null : r.text(result.error),
    responseHeaders: r.headers(result.responseHeaders),
    responseBody: r.body(result.responseBody, headerValue(result.responseHeaders, 'content-type')),
  };
}
