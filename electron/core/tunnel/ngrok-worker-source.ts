/**
 * The code of the thread that hosts the @ngrok/ngrok SDK (one thread per tunnel attempt).
 *
 * Why a worker thread: the SDK has no connect timeout and no way to cancel a pending
 * `SessionBuilder.connect()`; neither `session.close()` nor `ngrok.kill()` releases it, and while it
 * is pending its native promise keeps Node's event loop alive — a peer that accepts TCP and never
 * answers TLS (captive portal, broken proxy) would hang the process forever. Terminating the
 * worker releases that promise, so stop() and a connect timeout really end the attempt and the
 * process can exit by itself.
 *
 * Plain CommonJS in a string (`new Worker(source, {eval: true})`): no extra build entry, runs the
 * same under tsx, in the headless CLI and in Electron's main process. Keep it small: it only
 * translates between the SDK and the messages below; all decisions live in ngrok-provider.ts.
 */

export interface NgrokWorkerData {
  sdkPath: string;
  authtoken: string;
  domain: string | null;
  /** e.g. http://127.0.0.1:8787 */
  forwardUrl: string;
  /** replaces any copy the caller sent; added by ngrok's edge to every request */
  trustHeader: { name: string; value: string };
  /** ngrok ingress override (tests point it at 127.0.0.1); null for the default */
  serverAddr: string | null;
}

export interface WorkerErrorInfo {
  message: string;
  errorCode: string | null;
}

/** worker → provider */
export type NgrokWorkerMessage =
  | { type: 'online'; url: string }
  | { type: 'failed'; error: WorkerErrorInfo }
  | { type: 'unavailable'; error: WorkerErrorInfo }
  | { type: 'dropped'; error: WorkerErrorInfo }
  | { type: 'closed' };

/** provider → worker */
export type NgrokWorkerCommand = { type: 'close' };

export const NGROK_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
let session = null;
let closing = false;
const post = (message) => parentPort.postMessage(message);
const describe = (error) => ({
  message: String((error && error.message) || error),
  errorCode: error && typeof error.errorCode === 'string' ? error.errorCode : null,
});
async function closeSession() {
  const current = session;
  session = null;
  if (current) {
    try { await current.close(); } catch (_) { /* already gone */ }
  }
}
parentPort.on('message', (command) => {
  if (!command || command.type !== 'close') return;
  closing = true;
  closeSession().then(() => post({ type: 'closed' }));
});
async function main() {
  let ngrok;
  try {
    ngrok = require(workerData.sdkPath);
  } catch (error) {
    post({ type: 'unavailable', error: describe(error) });
    return;
  }
  const builder = new ngrok.SessionBuilder().authtoken(workerData.authtoken);
  if (workerData.serverAddr) builder.serverAddr(workerData.serverAddr);
  builder.handleDisconnection((_addr, error) => {
    if (!closing) post({ type: 'dropped', error: { message: String(error), errorCode: null } });
    // end this session: the tunnel manager owns reconnection and its backoff
    return false;
  });
  const connected = await builder.connect();
  if (closing) {
    try { await connected.close(); } catch (_) { /* already gone */ }
    return;
  }
  session = connected;
  const endpoint = connected.httpEndpoint();
  if (workerData.domain) endpoint.domain(workerData.domain);
  endpoint.removeRequestHeader(workerData.trustHeader.name);
  endpoint.requestHeader(workerData.trustHeader.name, workerData.trustHeader.value);
  const listener = await endpoint.listenAndForward(workerData.forwardUrl);
  if (closing) return;
  const url = listener.url();
  if (!url) throw new Error('ngrok returned no URL for the endpoint');
  post({ type: 'online', url });
}
main().catch((error) => {
  if (!closing) post({ type: 'failed', error: describe(error) });
});
`;
