/** Reads a request body up to a limit, keeping the exact bytes; stops reading past the limit. */
import type { IncomingMessage } from 'node:http';

export interface BodyRead {
  body: Uint8Array;
  /** the body was longer than the limit (or declared so): reading stopped */
  truncated: boolean;
  /** the client went away before the body was complete */
  aborted: boolean;
}

export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    // Refuse without reading: the 413 goes out with Connection: close.
    req.pause();
    return Promise.resolve({ body: new Uint8Array(0), truncated: true, aborted: false });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (read: BodyRead) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onAborted);
      req.off('error', onAborted);
      req.off('close', onClose);
      resolve(read);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        const keep = chunk.subarray(0, chunk.length - (size - limit));
        chunks.push(keep);
        req.pause();
        finish({ body: Buffer.concat(chunks), truncated: true, aborted: false });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ body: Buffer.concat(chunks), truncated: false, aborted: false });
    const onAborted = () => finish({ body: Buffer.concat(chunks), truncated: false, aborted: true });
    const onClose = () => {
      if (!req.complete) onAborted();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onAborted);
    req.on('error', onAborted);
    req.on('close', onClose);
  });
}
