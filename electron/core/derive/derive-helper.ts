/**
 * The derive worker's helper thread, started only while a backlog lasts (a catch-up after a crash, a
 * burst): it decrypts, redacts and compresses the next batch (derive-row.ts deriveForStorage) while the
 * worker writes the previous one, so the two halves of deriving run on two cores. It has no database
 * connection; rows it derived are written — or dropped and derived again — by the worker only.
 *
 * helper side: runDeriveHelper (the same file as the worker, derive-worker.ts, started with role
 * 'derive-helper'); worker side: startDeriveHelper, whose finish() blocks on Atomics.wait until the
 * batch is back (the worker has nothing else to do meanwhile: it just wrote the batch before).
 */
import { receiveMessageOnPort, MessageChannel, Worker } from 'node:worker_threads';
import { createRedactor, type RedactionConfig } from '../../../shared/redact';
import type { DerivedDelivery, JournalRecord } from '../store/contract';
import { createKeyRing } from '../store/key-ring';
import { errorCode, type DeriveHelperData, type FromDeriveHelper, type ToDeriveHelper, type WorkerEntry } from './derive-protocol';
import { deriveForStorage } from './derive-row';
import { BACKGROUND_THREAD_LIMITS } from '../thread-limits';

/** a batch not back by then means the helper is gone: the worker derives on its own from then on */
const HELPER_TIMEOUT_MS = 20_000;

export function runDeriveHelper(data: DeriveHelperData): void {
  const ring = createKeyRing(Buffer.from(data.keyMaterial));
  let redactor = createRedactor(data.redaction);
  const signal = new Int32Array(data.signal);
  data.port.on('message', (msg: ToDeriveHelper) => {
    if (msg.type === 'configure') {
      redactor = createRedactor(msg.redaction);
      return;
    }
    let answer: FromDeriveHelper;
    try {
      answer = { type: 'derived', items: msg.records.map((record) => deriveForStorage(record, redactor, ring)) };
    } catch (e) {
      answer = { type: 'failed', code: errorCode(e) };
    }
    data.port.postMessage(answer);
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
  const send = (msg: ToDeriveHelper): void => port1.postMessage(msg);
  return {
    busy: () => busy,
    start(records) {
      busy = true;
      send({ type: 'derive', records });
    },
    finish() {
      const deadline = Date.now() + HELPER_TIMEOUT_MS;
      try {
        for (;;) {
          const seen = Atomics.load(answered, 0);
          const got = receiveMessageOnPort(port1);
          if (got) {
            const msg = got.message as FromDeriveHelper;
            if (msg.type === 'failed') throw Object.assign(new Error('the derive helper failed'), { code: msg.code });
            return msg.items;
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
