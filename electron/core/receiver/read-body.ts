/** Reads a request body up to a limit, keeping the exact bytes; stops reading past the limit. */
import type { IncomingMessage } from 'node:http';

export interface BodyRead {
  body: Uint8Array;
  /** the body was longer than the limit (or declared so): reading stopped */
  truncated: boolean;
  /** the client went away before the body was complete */
  aborted: boolean;
}

/**
 * Per-request state lives on the request; the listeners are shared module functions (called with the
 * request as `this`), so a request costs no new closures.
 */
const READ = Symbol('hookscope.readBody');

interface ReadState {
  chunks: Buffer[];
  size: number;
  limit: number;
  resolve(read: BodyRead): void;
}

type Reading = IncomingMessage & { [READ]?: ReadState };

function finish(req: Reading, truncated: boolean, aborted: boolean): void {
  const state = req[READ];
  if (!state) return;
  // the listeners stay (each is a no-op once the state is gone; 'error' keeps a late error from throwing)
  req[READ] = undefined;
  // one chunk (a small body usually arrives whole): kept as it is, not copied (each socket read has its own memory)
  const { chunks } = state;
  state.resolve({ body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), truncated, aborted });
}

function onData(this: Reading, chunk: Buffer): void {
  const state = this[READ];
  if (!state) return;
  state.size += chunk.length;
  if (state.size > state.limit) {
    state.chunks.push(chunk.subarray(0, chunk.length - (state.size - state.limit)));
    this.pause();
    finish(this, true, false);
    return;
  }
  state.chunks.push(chunk);
}

function onEnd(this: Reading): void {
  finish(this, false, false);
}

function onAborted(this: Reading): void {
  finish(this, false, true);
}

function onClose(this: Reading): void {
  if (!this.complete) finish(this, false, true);
}

export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    // Refuse without reading: the 413 goes out with Connection: close.
    req.pause();
    return Promise.resolve({ body: new Uint8Array(0), truncated: true, aborted: false });
  }
  return new Promise((resolve) => {
    (req as Reading)[READ] = { chunks: [], size: 0, limit, resolve };
    req.on('data', onData);
    req.on('end', onEnd);
    // a client gone mid-body: 'error' (ECONNRESET) and 'close' before the end ('aborted' says it again)
    req.on('error', onAborted);
    req.on('close', onClose);
  });
}
