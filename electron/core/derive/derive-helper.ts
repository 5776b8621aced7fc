/**
 * The derive worker's helper thread, started only while a backlog lasts (a catch-up after a crash, a
 * burst): it decrypts, redacts and compresses the next batch (derive-row.ts deriveForStorage) while the
 * worker writes the previous one, so the two halves of deriving run on two cores. It has no database
 * connection; rows it derived are written — or dropped and derived again — by the worker only.
 *
 * helper side: runDeriveHelper (the same file as the worker, derive-worker.ts, started with role
 * 'derive-helper'); worker side: startDeriveHelper, whose finish() blocks on Atomics.wait until the
 * batch is back (the worker has nothing else to do meanwhile: it just wrote the batch before).
 *
 * Batches go by column, their bytes end to end in one buffer that is transferred, not copied: the worker
 * sends what deriving reads of each record (derive-row.ts DeriveInput) and keeps the records; the helper
 * answers with the rows' columns, and each row's compacted request and blind hashes in one buffer. Sent as
 * objects (the records and back the records with their rows), the clones cost ~17 µs a row between the
 * two threads (every field named in every object, an ArrayBuffer made per sealed request and per hash).
 */
import { receiveMessageOnPort, MessageChannel, Worker } from 'node:worker_threads';
import type { CheckId } from '../../../shared/checks';
import { createRedactor, type RedactionConfig } from '../../../shared/redact';
import type { DerivedDelivery, DerivedRow, JournalRecord, RetentionClass } from '../store/contract';
import { createKeyRing } from '../store/key-ring';
import { errorCode, type DeriveHelperData, type WorkerEntry } from './derive-protocol';
import { blindMemo, deriveParts } from './derive-row';
import { BACKGROUND_THREAD_LIMITS } from '../thread-limits';

/** a batch not back by then means the helper is gone: the worker derives on its own from then on */
const HELPER_TIMEOUT_MS = 20_000;

/** a batch to derive: what deriveParts reads of each record, by column; the sealed requests end to end in `sealed` */
interface DeriveRequest {
  type: 'derive';
  seq: number[];
  id: string[];
  codes: string[];
  retention: RetentionClass[];
  bodyKept: boolean[];
  sealed: ArrayBuffer;
  sealedEnd: number[];
}

type ToHelper = DeriveRequest | { type: 'configure'; redaction: RedactionConfig };

/** the rows by column; in `bytes`, end to end, each row's compacted request (where `compacted`) then its blind hashes */
interface DerivedBatch {
  type: 'derived';
  pathRedacted: string[];
  headersRedacted: string[];
  bodyRedacted: string[];
  bodySha256: string[];
  contentType: Array<string | null>;
  eventType: Array<string | null>;
  idempotencyKey: Array<string | null>;
  failed: CheckId[][];
  compacted: boolean[];
  blindCount: number[];
  bytes: ArrayBuffer;
  bytesEnd: number[];
}

/** error code or name only (messages could carry data) */
type FromHelper = DerivedBatch | { type: 'failed'; code: string };

/** byte strings end to end in one buffer of their own (so it can be transferred), and where each ends */
function pack(parts: readonly Uint8Array[]): { buffer: ArrayBuffer; ends: number[] } {
  let size = 0;
  for (const p of parts) size += p.byteLength;
  const out = Buffer.allocUnsafeSlow(size);
  const ends = new Array<number>(parts.length);
  let o = 0;
  for (let i = 0; i < parts.length; i++) {
    out.set(parts[i], o);
    o += parts[i].byteLength;
    ends[i] = o;
  }
  return { buffer: out.buffer, ends };
}

function unpack(buffer: ArrayBuffer, ends: readonly number[]): Buffer[] {
  const all = Buffer.from(buffer);
  const out = new Array<Buffer>(ends.length);
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    out[i] = all.subarray(start, ends[i]);
    start = ends[i];
  }
  return out;
}

function requestOf(records: readonly JournalRecord[]): DeriveRequest {
  const { buffer, ends } = pack(records.map((r) => r.sealed));
  return {
    type: 'derive',
    seq: records.map((r) => r.seq),
    id: records.map((r) => r.id),
    codes: records.map((r) => r.codes),
    retention: records.map((r) => r.retention),
    bodyKept: records.map((r) => r.bodyKept),
    sealed: buffer,
    sealedEnd: ends,
  };
}

function derive(msg: DeriveRequest, redactor: ReturnType<typeof createRedactor>, ring: ReturnType<typeof createKeyRing>): DerivedBatch {
  const sealed = unpack(msg.sealed, msg.sealedEnd);
  const blind = blindMemo(ring);
  const rows: DerivedRow[] = [];
  const bytes: Uint8Array[] = [];
  const compacted: boolean[] = [];
  for (let i = 0; i < msg.seq.length; i++) {
    const input = { seq: msg.seq[i], id: msg.id[i], codes: msg.codes[i], retention: msg.retention[i], bodyKept: msg.bodyKept[i], sealed: sealed[i] };
    const { row, compact } = deriveParts(input, redactor, ring, blind);
    rows.push(row);
    compacted.push(compact !== null);
    if (compact) bytes.push(compact);
    for (const b of row.blind) bytes.push(b);
  }
  const packed = pack(bytes);
  return {
    type: 'derived',
    pathRedacted: rows.map((r) => r.pathRedacted),
    headersRedacted: rows.map((r) => r.headersRedacted),
    bodyRedacted: rows.map((r) => r.bodyRedacted),
    bodySha256: rows.map((r) => r.bodySha256),
    contentType: rows.map((r) => r.contentType),
    eventType: rows.map((r) => r.eventType),
    idempotencyKey: rows.map((r) => r.idempotencyKey),
    failed: rows.map((r) => r.failed),
    compacted,
    blindCount: rows.map((r) => r.blind.length),
    bytes: packed.buffer,
    bytesEnd: packed.ends,
  };
}

/** the worker's records with the rows the helper derived for them */
function itemsOf(records: readonly JournalRecord[], b: DerivedBatch): DerivedDelivery[] {
  if (b.bodyRedacted.length !== records.length) throw Object.assign(new Error('the derive helper answered another batch'), { code: 'derive_helper_mismatch' });
  const bytes = unpack(b.bytes, b.bytesEnd);
  let p = 0;
  return records.map((record, i) => {
    const sealed = b.compacted[i] ? bytes[p++] : null;
    const blind = bytes.slice(p, p + b.blindCount[i]);
    p += b.blindCount[i];
    const row: DerivedRow = {
      seq: record.seq,
      id: record.id,
      pathRedacted: b.pathRedacted[i],
      headersRedacted: b.headersRedacted[i],
      bodyRedacted: b.bodyRedacted[i],
      bodySha256: b.bodySha256[i],
      contentType: b.contentType[i],
      eventType: b.eventType[i],
      idempotencyKey: b.idempotencyKey[i],
      failed: b.failed[i],
      blind,
    };
    return { record: sealed ? { ...record, sealed } : record, row };
  });
}

export function runDeriveHelper(data: DeriveHelperData): void {
  const ring = createKeyRing(Buffer.from(data.keyMaterial));
  let redactor = createRedactor(data.redaction);
  const signal = new Int32Array(data.signal);
  data.port.on('message', (msg: ToHelper) => {
    if (msg.type === 'configure') {
      redactor = createRedactor(msg.redaction);
      return;
    }
    let answer: FromHelper;
    try {
      answer = derive(msg, redactor, ring);
    } catch (e) {
      answer = { type: 'failed', code: errorCode(e) };
    }
    data.port.postMessage(answer, answer.type === 'derived' ? [answer.bytes] : []);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}

export interface DeriveHelper {
  /** a batch is with the helper */
  busy(): boolean;
  start(records: JournalRecord[]): void;
  /** blocks until the started batch is back; throws when the helper failed or is gone (then dead() is true) */
  finish(): DerivedDelivery[];
  configure(redaction: RedactionConfig): void;
  dead(): boolean;
  close(): Promise<void>;
}

export function startDeriveHelper(entry: WorkerEntry, keyMaterial: Uint8Array, redaction: RedactionConfig): DeriveHelper {
  const { port1, port2 } = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  const answered = new Int32Array(signal);
  let busy = false;
  let dead = false;
  // the batch with the helper: kept here, only what deriving reads of it was sent
  let pending: JournalRecord[] = [];
  let worker: Worker | null = null;
  try {
    const workerData: DeriveHelperData = { role: 'derive-helper', keyMaterial, redaction, port: port2, signal };
    worker = new Worker(entry.script, { eval: entry.eval, workerData, transferList: [port2], resourceLimits: BACKGROUND_THREAD_LIMITS });
    worker.unref();
    worker.on('error', () => {
      dead = true;
    });
    worker.on('exit', () => {
      dead = true;
    });
  } catch {
    dead = true;
  }
  const send = (msg: ToHelper): void => port1.postMessage(msg, msg.type === 'derive' ? [msg.sealed] : []);
  return {
    busy: () => busy,
    start(records) {
      busy = true;
      pending = records;
      send(requestOf(records));
    },
    finish() {
      const deadline = Date.now() + HELPER_TIMEOUT_MS;
      try {
        for (;;) {
          const seen = Atomics.load(answered, 0);
          const got = receiveMessageOnPort(port1);
          if (got) {
            const msg = got.message as FromHelper;
            if (msg.type === 'failed') throw Object.assign(new Error('the derive helper failed'), { code: msg.code });
            return itemsOf(pending, msg);
          }
          const left = deadline - Date.now();
          if (left <= 0) {
            dead = true;
            throw Object.assign(new Error('the derive helper did not answer'), { code: 'derive_helper_timeout' });
          }
          Atomics.wait(answered, 0, seen, left);
        }
      } finally {
        busy = false;
        pending = [];
      }
    },
    configure: (r) => send({ type: 'configure', redaction: r }),
    dead: () => dead,
    async close() {
      port1.close();
      await worker?.terminate();
    },
  };
}
