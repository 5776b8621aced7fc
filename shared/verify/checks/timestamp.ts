/**
 * timestamp: the provider's timestamp within ±toleranceSeconds of receipt. Independent of the signature: the skew
 * is reported even when the signature failed (detail.signatureVerified says whether the value can be trusted).
 */
import type { CheckResult } from '../../checks';
import { timestampHints } from '../diagnosis/timestamp-hints';
import type { Preset, SignatureRead } from '../presets/types';
import type { RequestContext } from '../request-context';
import { excerpt } from '../support/evidence';
import { isoOrNull } from '../support/time';
import { bodyNotRead, result } from './result';

export function timestampCheck(ctx: RequestContext, preset: Preset, sig: SignatureRead | null, signatureVerified: boolean): CheckResult {
  if (ctx.req.bodyTruncated || !sig) return bodyNotRead('timestamp');
  if (!preset.hasTimestamp(ctx.scheme)) {
    return result('timestamp', 'skip', 'no_timestamp_in_scheme', `${preset.label} signs no timestamp, so replays cannot be detected by time: rely on the duplicate check.`);
  }
  const tolerance = ctx.source.config.toleranceSeconds;
  const read = preset.readTimestamp(ctx, sig);
  if (read.kind === 'unavailable') {
    return result('timestamp', 'skip', read.code, `Skipped: ${read.reason}.`, { toleranceSeconds: tolerance });
  }
  if (read.kind === 'missing') {
    return result('timestamp', 'fail', 'missing_timestamp', `The request has no timestamp (${read.where}): without it a captured request can be replayed — make the sender include it.`, {
      where: read.where,
      toleranceSeconds: tolerance,
    });
  }
  if (read.kind === 'unparseable') {
    return result(
      'timestamp',
      'fail',
      'unparseable_timestamp',
      `The timestamp in ${read.where} cannot be parsed: send unix seconds${read.where.startsWith('payload') ? ' or ISO 8601 with a zone (2026-01-31T12:00:00Z)' : ''}.`,
      { where: read.where, received: excerpt(read.raw), toleranceSeconds: tolerance },
    );
  }
  const skewSeconds = Math.round((ctx.req.receivedAt - read.time.epochMs) / 1000);
  const explain = ctx.explain;
  const detail: Record<string, unknown> = {
    where: read.where,
    received: explain ? excerpt(read.raw) : '',
    parsed: explain ? isoOrNull(read.time.epochMs) : null,
    receivedAt: explain ? isoOrNull(ctx.req.receivedAt) : null,
    skewSeconds,
    toleranceSeconds: tolerance,
    signatureVerified,
  };
  // by assignment rather than a conditional spread (same keys, same order): this runs per request
  if (read.time.zoneMissing) detail.zoneMissing = true;
  const exact = (ctx.req.receivedAt - read.time.epochMs) / 1000;
  if (Math.abs(exact) <= tolerance) {
    return result('timestamp', 'pass', 'ok', `The timestamp is ${Math.abs(skewSeconds)} s ${skewSeconds >= 0 ? 'old' : 'ahead'}, within the ${tolerance} s tolerance.`, detail);
  }
  const hints = !explain ? [] : timestampHints({
    skewSeconds: exact,
    toleranceSeconds: tolerance,
    numeric: read.time.numeric,
    receivedAt: ctx.req.receivedAt,
    zoneMissing: read.time.zoneMissing,
  });
  if (exact > 0) {
    return result(
      'timestamp',
      'fail',
      'too_old',
      `The timestamp is ${skewSeconds} s old, beyond the ${tolerance} s tolerance: reject it as a possible replay${hints.length ? ' — see the likely cause below' : ', or check both clocks if the provider really sent it just now'}.`,
      detail,
      hints,
    );
  }
  return result(
    'timestamp',
    'fail',
    'too_new',
    `The timestamp is ${-skewSeconds} s in the future, beyond the ${tolerance} s tolerance: a clock is wrong${hints.length ? ' — see the likely cause below' : ''}; a future timestamp would let a captured request be replayed later.`,
    detail,
    hints,
  );
}
