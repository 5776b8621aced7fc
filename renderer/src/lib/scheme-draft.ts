/**
 * The Settings form's model of a generic HMAC scheme (source.scheme): the fields as typed, turned into
 * the config's shape on save, so nobody has to write the scheme as JSON. The server validates it.
 */
import type { GenericScheme } from '../../../shared/config';

export type Where = 'none' | 'header' | 'payload';

export interface SchemeDraft {
  header: string;
  algorithm: GenericScheme['algorithm'];
  encoding: GenericScheme['encoding'];
  prefix: string;
  /** the signed content: {body}, {timestamp} and the text between them */
  template: string;
  timestampFrom: Where;
  /** the header name or the JSON path, by timestampFrom */
  timestampAt: string;
  idempotencyFrom: Where;
  idempotencyAt: string;
  /** JSON path of the event type; empty: none */
  eventTypePath: string;
}

/** the common shapes of signed content, offered as suggestions */
export const SIGNED_CONTENT_EXAMPLES = ['{body}', '{timestamp}.{body}', '{timestamp}{body}', 'v0:{timestamp}:{body}'];

export function schemeDraftFrom(scheme: GenericScheme | undefined): SchemeDraft {
  const ts = scheme?.timestamp ?? null;
  const idem = scheme?.idempotency ?? null;
  return {
    header: scheme?.header ?? 'X-Signature',
    algorithm: scheme?.algorithm ?? 'sha256',
    encoding: scheme?.encoding ?? 'hex',
    prefix: scheme?.prefix ?? '',
    template: scheme?.template ?? '{body}',
    timestampFrom: ts?.from ?? 'none',
    timestampAt: ts === null ? '' : ts.from === 'header' ? ts.name : ts.path,
    idempotencyFrom: idem?.from ?? 'none',
    idempotencyAt: idem === null ? '' : idem.from === 'header' ? idem.name : idem.path,
    eventTypePath: scheme?.eventType?.path ?? '',
  };
}

function location(from: Where, at: string): Record<string, string> | null {
  if (from === 'none') return null;
  return from === 'header' ? { from, name: at.trim() } : { from, path: at.trim() };
}

/** The scheme object to send (validated by the server: its messages name scheme.<field>). */
export function schemeFromDraft(draft: SchemeDraft): Record<string, unknown> {
  return {
    header: draft.header.trim(),
    algorithm: draft.algorithm,
    encoding: draft.encoding,
    // the prefix is compared byte for byte: kept as typed
    prefix: draft.prefix,
    template: draft.template,
    timestamp: location(draft.timestampFrom, draft.timestampAt),
    idempotency: location(draft.idempotencyFrom, draft.idempotencyAt),
    eventType: draft.eventTypePath.trim() ? { from: 'payload', path: draft.eventTypePath.trim() } : null,
  };
}
