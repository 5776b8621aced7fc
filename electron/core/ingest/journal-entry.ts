/**
 * A received request as one journal entry: the verdict's codes, the retention class, and the request
 * sealed in one AES-256-GCM envelope. Junk (unknown path, refused IP, rate-limited, oversize) is sealed
 * without its body: it is counted and listed, never stored in full, so nobody can fill the disk with it.
 */
import type { CheckResult } from '../../../shared/checks';
import type { JournalEntry, RetentionClass } from '../store/contract';
import type { KeyRing } from '../store/key-ring';
import { sealRaw } from '../store/raw-envelope';
import type { NewDelivery } from '../store/types';
import { encodeChecks } from './check-codes';

const EMPTY = new Uint8Array(0);

function failed(checks: readonly CheckResult[], id: CheckResult['id']): CheckResult | undefined {
  return checks.find((c) => c.id === id && c.outcome === 'fail');
}

export function retentionClassOf(d: Pick<NewDelivery, 'sourceId' | 'checks' | 'verdict' | 'bodyTruncated'>): RetentionClass {
  if (d.sourceId === null || d.bodyTruncated) return 'junk';
  if (failed(d.checks, 'source-ip') || failed(d.checks, 'rate-limit') || failed(d.checks, 'payload')?.code === 'too_large') return 'junk';
  return d.verdict === 'verified' ? 'kept' : 'rejected';
}

export function toJournalEntry(d: NewDelivery, ring: KeyRing, keyHash: string | null): JournalEntry {
  const retention = retentionClassOf(d);
  const body = retention === 'junk' ? EMPTY : d.rawBody;
  return {
    id: d.id,
    receivedAt: d.receivedAt,
    sourceId: d.sourceId,
    method: d.method,
    verdict: d.verdict,
    status: d.status,
    codes: encodeChecks(d.checks),
    retention,
    clientIp: d.clientIp,
    size: d.rawBody.byteLength,
    bodyTruncated: d.bodyTruncated,
    sealed: sealRaw(ring, d.id, d.target, d.headers, body, { eventType: d.eventType, idempotencyKey: d.idempotencyKey }),
    keyHash,
    keyExpiresAt: keyHash === null ? null : d.idempotencyExpiresAt,
    duplicateOf: d.duplicateOf,
    forwardTarget: d.forwardTarget,
  };
}
