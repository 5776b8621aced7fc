/**
 * After the answer: one journal record becomes its display row — redacted copies for display and
 * search, the failed-check list, blind-index HMACs for erasure by value. Also used on read for a
 * delivery whose row is not derived yet (shown as pending), so both look the same.
 */
import { hash } from 'node:crypto';
import type { CheckId } from '../../../shared/checks';
import type { Redactor } from '../../../shared/redact';
import { headerValue } from '../../../shared/verify/support/headers';
import { decodeChecks } from '../ingest/check-codes';
import type { DerivedDelivery, DerivedRow, JournalRecord } from '../store/contract';
import type { KeyRing } from '../store/key-ring';
import { compactRaw, openRawFrame, parseRawFrame, type RawCopy } from '../store/raw-envelope';
import { blindValuesOf } from './blind-values';

/** the redacted text copy is for display and search; past this size only its start is kept */
export const MAX_REDACTED_BODY_CHARS = 1024 * 1024;
/** rejected deliveries (bad signature, auth, timestamp): enough text to diagnose; the raw copy has the rest */
export const MAX_REJECTED_REDACTED_CHARS = 64 * 1024;

const decoder = new TextDecoder('utf-8', { fatal: false });

/** only the start of a huge body is redacted and kept as text (the raw copy keeps every byte) */
export function redactedCopy(redactor: Redactor, text: string, contentType: string | null, max = MAX_REDACTED_BODY_CHARS): string {
  if (text.length <= max) return redactor.body(text, contentType);
  const head = redactor.body(text.slice(0, max), contentType);
  return `${head}\n«… ${text.length - max} more characters not kept in the redacted copy»`;
}

/** the ids of the failed checks; most deliveries have none, which the codes show without decoding them */
function failedChecks(codes: string): CheckId[] {
  // every entry starts with its outcome letter (ingest/check-codes.ts): 'f' is a failure
  if (codes[0] !== 'f' && !codes.includes('|f')) return [];
  return decodeChecks(codes).filter((c) => c.outcome === 'fail').map((c) => c.id);
}

export function deriveRow(record: JournalRecord, redactor: Redactor, ring: KeyRing): DerivedRow {
  return rowOf(record, parseRawFrame(openRawFrame(ring, record.id, record.sealed)), redactor, (v) => ring.blind(v));
}

/** what deriving reads of a journal record (the helper thread is sent only this: derive-helper.ts) */
export type DeriveInput = Pick<JournalRecord, 'seq' | 'id' | 'codes' | 'retention' | 'bodyKept' | 'sealed'>;

/** a value's blind-index hash: the key ring's, or a batch's memo of it (blindMemo) */
export type BlindHash = (value: string) => Uint8Array;

/**
 * The ring's blind hash remembered for one batch: the same values (a line's own number, a support
 * address) recur from delivery to delivery. Drop it with the batch: it holds the values themselves.
 */
export function blindMemo(ring: KeyRing): BlindHash {
  const seen = new Map<string, Uint8Array>();
  return (value) => {
    let h = seen.get(value);
    if (h === undefined) {
      h = ring.blind(value);
      seen.set(value, h);
    }
    return h;
  };
}

/**
 * The display row, and the request sealed compressed (key-ring v2) where that makes it smaller — null:
 * the record keeps its own sealed copy (the journal's is sealed uncompressed, before the answer).
 */
export function deriveParts(record: DeriveInput, redactor: Redactor, ring: KeyRing, blind: BlindHash = (v) => ring.blind(v)): { row: DerivedRow; compact: Buffer | null } {
  const frame = openRawFrame(ring, record.id, record.sealed);
  const row = rowOf(record, parseRawFrame(frame), redactor, blind);
  // junk keeps no raw copy at all
  return { row, compact: record.retention !== 'junk' && record.bodyKept ? compactRaw(ring, record.id, frame) : null };
}

/** What the deriver stores: the row, and the record with its sealed request compacted where that is smaller (deriveParts). */
export function deriveForStorage(record: JournalRecord, redactor: Redactor, ring: KeyRing): DerivedDelivery {
  const { row, compact } = deriveParts(record, redactor, ring);
  return { record: compact ? { ...record, sealed: compact } : record, row };
}

function rowOf(record: DeriveInput, raw: RawCopy, redactor: Redactor, blind: BlindHash): DerivedRow {
  const bodyText = decoder.decode(raw.body);
  const contentType = headerValue(raw.headers, 'content-type');
  const failed = failedChecks(record.codes);
  return {
    seq: record.seq,
    id: record.id,
    pathRedacted: redactor.target(raw.target),
    headersRedacted: JSON.stringify(redactor.headers(raw.headers)),
    bodyRedacted:
      record.retention === 'junk' ? '' : redactedCopy(redactor, bodyText, contentType, record.retention === 'rejected' ? MAX_REJECTED_REDACTED_CHARS : MAX_REDACTED_BODY_CHARS),
    bodySha256: hash('sha256', raw.body, 'hex'),
    contentType: contentType === null ? null : redactor.text(contentType),
    eventType: raw.eventType === null ? null : redactor.text(raw.eventType),
    idempotencyKey: raw.idempotencyKey === null ? null : redactor.text(raw.idempotencyKey),
    failed,
    blind: blindValuesOf(bodyText, raw.target, raw.headers).map(blind),
  };
}
