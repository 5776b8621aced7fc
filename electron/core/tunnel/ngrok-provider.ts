/**
 * The real tunnel: @ngrok/ngrok 1.7 (the in-process SDK; its native binary ships in the npm package).
 * Each connect runs the SDK in its own worker thread (see ngrok-worker-source.ts for why):
 * `SessionBuilder().authtoken().serverAddr?().handleDisconnection()` → `connect()` →
 * `session.httpEndpoint().domain?().removeRequestHeader(h).requestHeader(h, secret)
 *    .listenAndForward('http://<forwardTo>')` — h being the trust header (tunnel-trust.ts).
 *
 * Releasing the SDK: close() asks the thread to `session.close()` (which also frees a reserved
 * domain at ngrok at once), waits up to `closeGraceMs` for it, then terminates the thread. An
 * aborted or failed attempt terminates the thread at once. Nothing of the SDK is loaded on the
 * calling thread, so nothing of it can keep the process alive after close() / abort.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { mapNgrokError } from './ngrok-errors';
import {
  NGROK_WORKER_SOURCE,
  type NgrokWorkerCommand,
  type NgrokWorkerData,
  type NgrokWorkerMessage,
} from './ngrok-worker-source';
import { TunnelError, tunnelErrors } from './tunnel-error';
import { systemTimers, type TunnelConnectOptions, type TunnelHandle, type TunnelProvider, type TunnelTimers } from './types';

export interface NgrokProviderOptions {
  /** ngrok ingress `host:port` (SessionBuilder.serverAddr); tests point it at 127.0.0.1 */
  serverAddr?: string;
  /** how long close() waits for ngrok to confirm before it terminates the SDK thread (default 5000) */
  closeGraceMs?: number;
  /** path of @ngrok/ngrok's entry file; default: resolved from this module */
  sdkPath?: string;
  /** for the close grace period; tests inject their own */
  timers?: TunnelTimers;
}

export const DEFAULT_CLOSE_GRACE_MS = 5000;

export function createNgrokProvider(options: NgrokProviderOptions = {}): TunnelProvider {
  const closeGraceMs = options.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS;
  const timers = options.timers ?? systemTimers;
  return {
    name: 'ngrok',
    async connect(connectOptions) {
      // checked before the SDK is touched: no thread, no network
      if (!connectOptions.authtoken.trim()) throw tunnelErrors.noAuthtoken();
      if (connectOptions.signal.aborted) throw tunnelErrors.cancelled();
      let sdkPath: string;
      try {
        sdkPath = options.sdkPath ?? resolveSdkPath();
      } catch {
        throw tunnelErrors.sdkUnavailable();
      }
      const workerData: NgrokWorkerData = {
        sdkPath,
        authtoken: connectOptions.authtoken.trim(),
        domain: normalizeDomain(connectOptions.domain),
        forwardUrl: `http://${connectOptions.forwardTo}`,
        trustHeader: connectOptions.trustHeader,
        serverAddr: options.serverAddr ?? null,
      };
      const worker = new Worker(NGROK_WORKER_SOURCE, { eval: true, workerData });
      return superviseWorker(worker, connectOptions, { closeGraceMs, timers });
    },
  };
}

/** `https://my-app.ngrok.app/` → `my-app.ngrok.app`; empty → null. */
export function normalizeDomain(domain: string | null): string | null {
  if (domain === null) return null;
  const bare = domain.trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  return bare === '' ? null : bare;
}

function resolveSdkPath(): string {
  const bases: string[] = [];
  try {
    bases.push(import.meta.url);
  } catch {
    // bundled as CommonJS: no import.meta
  }
  if (typeof __filename === 'string') bases.push(__filename);
  bases.push(join(process.cwd(), 'index.js'));
  for (const base of bases) {
    try {
      if (base) return createRequire(base).resolve('@ngrok/ngrok');
    } catch {
      // try the next base
    }
  }
  throw new Error('@ngrok/ngrok not found');
}

type Phase = 'connecting' | 'online' | 'ended';

function superviseWorker(
  worker: Worker,
  options: TunnelConnectOptions,
  grace: { closeGraceMs: number; timers: TunnelTimers },
): Promise<TunnelHandle> {
  const context = { authtoken: options.authtoken, domain: normalizeDomain(options.domain) };
  let phase: Phase = 'connecting';
  let resolveClosed: (result: TunnelError | null) => void = () => undefined;
  const closed = new Promise<TunnelError | null>((resolve) => {
    resolveClosed = resolve;
  });
  let acknowledge: () => void = () => undefined;
  const acknowledged = new Promise<void>((resolve) => {
    acknowledge = resolve;
  });
  let released: Promise<void> | null = null;

  const terminate = (): void => {
    void worker.terminate().catch(() => undefined);
  };
  /** asks the thread to close the session (frees the endpoint at ngrok), then ends the thread */
  const release = (): Promise<void> => {
    released ??= (async () => {
      const command: NgrokWorkerCommand = { type: 'close' };
      worker.postMessage(command);
      let timer: unknown = null;
      const graceOver = new Promise<void>((resolve) => {
        timer = grace.timers.setTimeout(resolve, grace.closeGraceMs);
      });
      await Promise.race([acknowledged, graceOver]);
      grace.timers.clearTimeout(timer);
      terminate();
    })();
    return released;
  };
  /** an online tunnel ended: report once, release the thread */
  const end = (result: TunnelError | null): Promise<void> => {
    if (phase === 'online') {
      phase = 'ended';
      resolveClosed(result);
    }
    return release();
  };

  return new Promise<TunnelHandle>((resolve, reject) => {
    const fail = (error: TunnelError): void => {
      if (phase !== 'connecting') return;
      phase = 'ended';
      options.signal.removeEventListener('abort', onAbort);
      terminate();
      reject(error);
    };
    const onAbort = (): void => fail(tunnelErrors.cancelled());
    options.signal.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: NgrokWorkerMessage) => {
      switch (message.type) {
        case 'online':
          if (phase !== 'connecting') return;
          phase = 'online';
          options.signal.removeEventListener('abort', onAbort);
          resolve({ url: message.url, closed, close: () => end(null) });
          return;
        case 'failed':
          if (phase === 'connecting') fail(mapNgrokError(message.error, context));
          else void end(tunnelErrors.dropped());
          return;
        case 'unavailable':
          fail(tunnelErrors.sdkUnavailable());
          return;
        case 'dropped':
          if (phase === 'connecting') fail(tunnelErrors.dropped());
          else void end(tunnelErrors.dropped());
          return;
        case 'closed':
          acknowledge();
          return;
      }
    });
    // the thread died (uncaught error in the SDK, or terminated). Acting on 'exit' rather than
    // 'error' keeps the order: Node emits every message the thread sent before 'exit'.
    let crash: Error | null = null;
    worker.on('error', (error: Error) => {
      crash = error;
    });
    worker.on('exit', () => {
      acknowledge();
      if (phase === 'connecting') {
        fail(crash ? mapNgrokError({ message: crash.message, errorCode: null }, context) : tunnelErrors.failed('the ngrok thread stopped'));
      } else if (phase === 'online') {
        void end(tunnelErrors.dropped());
      }
    });
  });
}
