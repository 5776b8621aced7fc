/**
 * replayDelivery (docs/architecture.md "Forwarding and replay"): send a captured delivery to the dev server again, as received or
 * re-signed with a fresh timestamp, optionally with an edited body (always re-signed).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import type { Attempt } from '../../../shared/api';
import { HookscopeError } from '../../../shared/result';
import type { Clock, CryptoPort } from '../../../shared/verify/ports';
import type { ChainSource } from '../../../shared/verify/types';
import type { DeliveryStore, NewAttempt } from '../store/types';
import { newAttemptId } from './attempt-id';
import { DEFAULT_TIMEOUT_MS, type Sender } from './http-sender';
import { prepareOriginal, prepareResigned, type PreparedRequest, queryOf, sentRequest } from './prepare-request';
import { checkTarget, displayTarget, type LookupFn, type ResolvedTarget } from './target-policy';

export interface ReplayDeps {
  store: DeliveryStore;
  clock: Clock;
  sender: Sender;
  crypto: CryptoPort;
  getSource(sourceId: string): ChainSource | null;
  /** replay.allowRemoteTargets of the current config */
  allowRemoteTargets(): boolean;
  lookup?: LookupFn;
  onUpdated?(deliveryId: string): void;
}

export interface ReplayArgs {
  id: string;
  target?: string;
  mode?: 'original' | 'resign';
  /** edited body (UTF-8 text, sent byte for byte as given); always re-signed */
  body?: string;
  /** Standard Webhooks: re-sign under a new webhook-id (the dev server would otherwise dedupe it) */
  newMessageId?: boolean;
}

export interface ReplayRequest {
  target: ResolvedTarget;
  prepared: PreparedRequest;
  timeoutMs: number;
  edited: boolean;
}

/**
 * The request a replay would send now, built and checked (target policy, source, raw bytes) but not sent:
 * replayDelivery sends it, copy-command prints it.
 */
export async function prepareReplay(deps: Omit<ReplayDeps, 'sender'>, args: ReplayArgs): Promise<ReplayRequest> {
  const { store } = deps;
  const summary = await store.summary(args.id);
  if (!summary) throw new HookscopeError('not_found', `id: no delivery "${args.id}" is stored (it may have been purged or erased)`);

  const source = summary.sourceId ? deps.getSource(summary.sourceId) : null;
  const edited = args.body !== undefined;
  const mode = edited ? 'resign' : (args.mode ?? 'original');
  const targetText = args.target ?? source?.config.forward?.url;
  if (!targetText) {
    const whose = summary.sourceId ? `source "${summary.sourceId}" has no forward.url` : 'the delivery matched no source';
    throw new HookscopeError(
      'no_forward_target',
      `target: ${whose}; give a target such as http://localhost:3000/webhooks or set the source's forward.url in Settings`,
    );
  }
  if (mode === 'resign' && !source) {
    throw new HookscopeError(
      'no_source',
      summary.sourceId
        ? `Source "${summary.sourceId}" is no longer configured, so there is no secret to re-sign with: replay in mode "original"`
        : 'The delivery matched no source, so there is no scheme or secret to re-sign with: replay in mode "original"',
    );
  }

  // the policy runs before anything else touches the network
  let target: ResolvedTarget;
  try {
    target = await checkTarget(targetText, { allowRemoteTargets: deps.allowRemoteTargets(), lookup: deps.lookup ?? dnsLookup });
  } catch (error) {
    if (error instanceof HookscopeError && error.code === 'target_not_allowed') {
      await store.audit('replay_refused', args.id, { host: safeHost(targetText), reason: 'target_not_allowed' });
    }
    throw error;
  }

  const raw = await store.rawRequest(args.id);
  if (!raw) {
    throw new HookscopeError(
      'raw_unavailable',
      `id: the raw request of delivery "${args.id}" is no longer stored (retention.rawBodyDays); it cannot be replayed`,
    );
  }

  const now = deps.clock.now();
  const body = edited ? new TextEncoder().encode(args.body) : raw.body;
  const captured = { method: summary.method, headers: raw.headers, body, query: queryOf(raw.target) };
  const prepared =
    mode === 'resign' && source
      ? prepareResigned(captured, { target, deliveryId: args.id, source, now, crypto: deps.crypto, newMessageId: args.newMessageId })
      : prepareOriginal(captured, target, args.id);
  return { target, prepared, timeoutMs: source?.config.forward?.timeoutMs ?? DEFAULT_TIMEOUT_MS, edited };
}

export async function replayDelivery(deps: ReplayDeps, args: ReplayArgs): Promise<Attempt> {
  const { store } = deps;
  const { target, prepared, timeoutMs, edited } = await prepareReplay(deps, args);
  const now = deps.clock.now();
  const result = await deps.sender.send({ target, path: prepared.path, method: prepared.method, headers: prepared.headers, body: prepared.body, timeoutMs });
  const attempt: NewAttempt = {
    id: newAttemptId(deps.crypto, now),
    at: new Date(now).toISOString(),
    target: displayTarget(target.url),
    mode: prepared.mode,
    ...result,
  };
  await store.recordAttempt(args.id, attempt, undefined, sentRequest(target, prepared));
  await store.audit('replay', args.id, {
    target: attempt.target,
    mode: prepared.mode,
    edited,
    secret: prepared.secretLabel,
    status: attempt.status,
    error: attempt.error,
  });
  deps.onUpdated?.(args.id);
  // as stored: with the sent request, redacted for display
  return (await store.attempts(args.id)).find((a) => a.id === attempt.id) ?? { ...attempt, request: null };
}

function safeHost(target: string): string {
  try {
    return new URL(target).host;
  } catch {
    return '(invalid URL)';
  }
}
