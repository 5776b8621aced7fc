/** duplicate: the idempotency key was already registered by a verified delivery (only after a verified signature). */
import type { CheckResult } from '../../checks';
import type { IdempotencyKey } from '../presets/types';
import type { RequestContext } from '../request-context';
import type { IdempotencyPort } from '../types';
import { excerpt } from '../support/evidence';
import { bodyNotRead, result } from './result';

export interface DuplicateOutcome {
  result: CheckResult;
  duplicateOf: string | null;
}

export function duplicateCheck(
  ctx: RequestContext,
  key: IdempotencyKey | null,
  signatureVerified: boolean,
  idempotency: IdempotencyPort,
): DuplicateOutcome {
  if (ctx.req.bodyTruncated) return { result: bodyNotRead('duplicate'), duplicateOf: null };
  if (!signatureVerified) {
    return {
      result: result('duplicate', 'skip', 'depends_on_signature', 'Skipped: depends on the signature, and an unverified request cannot be a duplicate of a verified one.'),
      duplicateOf: null,
    };
  }
  if (!key) {
    return {
      result: result('duplicate', 'skip', 'no_idempotency_key', 'The request carries no idempotency key, so duplicates cannot be recognised: de-duplicate on a business id in your handler.'),
      duplicateOf: null,
    };
  }
  const first = idempotency.lookup(ctx.source.config.id, key.key, ctx.req.receivedAt);
  const evidence = { keySource: key.source, key: ctx.explain ? excerpt(key.key, 80) : '' };
  if (first) {
    return {
      result: result(
        'duplicate',
        'warn',
        'duplicate',
        `Already received as delivery ${first}: this is a retry or a replay — it is acknowledged (200) but not processed or forwarded again.`,
        { ...evidence, firstDeliveryId: first },
      ),
      duplicateOf: first,
    };
  }
  return { result: result('duplicate', 'pass', 'ok', 'First delivery with this idempotency key.', evidence), duplicateOf: null };
}
