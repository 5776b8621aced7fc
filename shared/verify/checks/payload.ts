/** payload: within maxBodyBytes, parses as the provider sends it (JSON or form), event type known to the preset. */
import type { CheckResult } from '../../checks';
import type { Preset } from '../presets/types';
import type { RequestContext } from '../request-context';
import { excerpt } from '../support/evidence';
import { result } from './result';

export interface PayloadOutcome {
  result: CheckResult;
  eventType: string | null;
}

export function payloadCheck(ctx: RequestContext, preset: Preset): PayloadOutcome {
  if (ctx.req.bodyTruncated) return tooLarge(ctx);
  return formatCheck(ctx, preset);
}

/** the body was cut at maxBodyBytes (checked with or without a provider) */
export function tooLarge(ctx: RequestContext): PayloadOutcome {
  const max = ctx.source.config.maxBodyBytes;
  return {
    result: result(
      'payload',
      'fail',
      'too_large',
      `The body exceeds maxBodyBytes (${max} bytes) and was not read further: raise maxBodyBytes if the provider really sends payloads this large.`,
      { maxBodyBytes: max, bytesRead: ctx.req.body.byteLength },
    ),
    eventType: null,
  };
}

function formatCheck(ctx: RequestContext, preset: Preset): PayloadOutcome {
  const format = preset.bodyFormat(ctx);
  const bytes = ctx.req.body.byteLength;
  if (format === 'json') {
    const json = ctx.json();
    if (!json.ok) {
      return {
        result: result('payload', 'fail', 'invalid_body', `The body should be JSON, but ${json.reason}: check what the sender transmits.`, { format, bytes }),
        eventType: null,
      };
    }
  } else if (format === 'form') {
    const form = ctx.form();
    if (!form.ok) {
      return {
        result: result('payload', 'fail', 'invalid_body', `The body should be form-encoded, but ${form.reason}: check what the sender transmits.`, { format, bytes }),
        eventType: null,
      };
    }
  }
  const eventType = preset.eventType(ctx);
  const detail = { format, bytes, eventType: eventType === null || !ctx.explain ? null : excerpt(eventType, 100) };
  if (preset.eventTypes.length > 0) {
    if (eventType === null) {
      return {
        result: result('payload', 'warn', 'unknown_event_type', `The payload names no event type that ${preset.label} uses: check that this endpoint receives ${preset.label} webhooks.`, detail),
        eventType,
      };
    }
    if (!preset.eventTypes.includes(eventType)) {
      return {
        result: result(
          'payload',
          'warn',
          'unknown_event_type',
          `The event type "${excerpt(eventType, 60)}" is not one ${preset.label} is known to send: if it is new, make sure your handler ignores types it does not know.`,
          detail,
        ),
        eventType,
      };
    }
  }
  return { result: result('payload', 'pass', 'ok', eventType ? `Well-formed ${format === 'none' ? 'request' : format} payload of type "${excerpt(eventType, 60)}".` : 'Well-formed payload.', detail), eventType };
}
