/**
 * A TunnelProvider that talks to nobody: `https://<random>.fake-tunnel.test` URLs, with outcomes a
 * test scripts in advance (online, fail, hang) and drops it triggers later. Also what
 * `HOOKSCOPE_TUNNEL_PROVIDER=fake` runs, for demos and end-to-end tests without ngrok.
 * It does not forward traffic: the URL is all it provides; a test that plays ngrok's edge sends the
 * trust header recorded in `calls` itself.
 */
import { randomBytes } from 'node:crypto';
import { TunnelError, tunnelErrors } from './tunnel-error';
import type { TrustHeader } from './tunnel-trust';
import type { TunnelConnectOptions, TunnelHandle, TunnelProvider } from './types';

export type FakeOutcome =
  /** online at once, at `url` (default: https://<domain> or a random fake URL) */
  | { kind: 'online'; url?: string }
  /** reject with this error */
  | { kind: 'fail'; error: TunnelError | Error }
  /**
   * never settle by itself (like the SDK against a peer that never answers); `honorAbort` rejects
   * when the caller aborts, otherwise it stays pending until settleHanging()
   */
  | { kind: 'hang'; honorAbort?: boolean };

export interface FakeTunnelHandle extends TunnelHandle {
  readonly isClosed: boolean;
  /** end the tunnel as a network loss would (closed settles with the error) */
  drop(error?: TunnelError): void;
}

export interface FakeConnectCall {
  domain: string | null;
  forwardTo: string;
  /** true when an authtoken was passed (the value itself is not kept) */
  hadAuthtoken: boolean;
  /** what the edge would add to every request of this session */
  trustHeader: TrustHeader;
  signal: AbortSignal;
}

export interface FakeTunnelProvider extends TunnelProvider {
  /** queue outcomes for the next connects; once the queue is empty, connects go online */
  script(...outcomes: FakeOutcome[]): void;
  readonly calls: readonly FakeConnectCall[];
  /** every handle given out, oldest first */
  readonly handles: readonly FakeTunnelHandle[];
  /** the newest handle that is not closed, if any */
  current(): FakeTunnelHandle | null;
  /** connects scripted to hang that are still pending */
  hanging(): number;
  /** resolve the oldest hanging connect now (a late answer), or reject it with `error` */
  settleHanging(outcome?: { url?: string; error?: TunnelError | Error }): void;
}

export interface FakeProviderOptions {
  /** the random label of generated URLs (default: 8 random hex characters) */
  randomLabel?: () => string;
}

interface Hanging {
  options: TunnelConnectOptions;
  resolve: (handle: TunnelHandle) => void;
  reject: (error: unknown) => void;
}

export function createFakeTunnelProvider(opts: FakeProviderOptions = {}): FakeTunnelProvider {
  const randomLabel = opts.randomLabel ?? (() => randomBytes(4).toString('hex'));
  const queue: FakeOutcome[] = [];
  const calls: FakeConnectCall[] = [];
  const handles: FakeTunnelHandle[] = [];
  const pending: Hanging[] = [];

  const urlFor = (options: TunnelConnectOptions, url?: string): string =>
    url ?? (options.domain ? `https://${options.domain}` : `https://${randomLabel()}.fake-tunnel.test`);

  const open = (url: string): FakeTunnelHandle => {
    let isClosed = false;
    let settle: (result: TunnelError | null) => void = () => undefined;
    const closed = new Promise<TunnelError | null>((resolve) => {
      settle = resolve;
    });
    const finish = (result: TunnelError | null): void => {
      if (isClosed) return;
      isClosed = true;
      settle(result);
    };
    const handle: FakeTunnelHandle = {
      url,
      closed,
      get isClosed() {
        return isClosed;
      },
      async close() {
        finish(null);
      },
      drop(error = tunnelErrors.dropped()) {
        finish(error);
      },
    };
    handles.push(handle);
    return handle;
  };

  return {
    name: 'fake',
    calls,
    handles,
    script(...outcomes) {
      queue.push(...outcomes);
    },
    current() {
      return [...handles].reverse().find((h) => !h.isClosed) ?? null;
    },
    hanging() {
      return pending.length;
    },
    settleHanging(outcome = {}) {
      const next = pending.shift();
      if (!next) throw new Error('no hanging connect to settle');
      if (outcome.error) next.reject(outcome.error);
      else next.resolve(open(urlFor(next.options, outcome.url)));
    },
    async connect(options) {
      calls.push({
        domain: options.domain,
        forwardTo: options.forwardTo,
        hadAuthtoken: options.authtoken !== '',
        trustHeader: options.trustHeader,
        signal: options.signal,
      });
      if (!options.authtoken.trim()) throw tunnelErrors.noAuthtoken();
      const outcome = queue.shift() ?? { kind: 'online' };
      if (outcome.kind === 'fail') throw outcome.error;
      if (outcome.kind === 'online') return open(urlFor(options, outcome.url));
      return new Promise<TunnelHandle>((resolve, reject) => {
        const entry: Hanging = { options, resolve, reject };
        pending.push(entry);
        if (outcome.honorAbort) {
          options.signal.addEventListener(
            'abort',
            () => {
              const index = pending.indexOf(entry);
              if (index >= 0) pending.splice(index, 1);
              reject(tunnelErrors.cancelled());
            },
            { once: true },
          );
        }
      });
    },
  };
}
