/**
 * The tunnel port (docs/architecture.md "Tunnel"): one interface, two implementations — the real ngrok adapter
 * (ngrok-provider.ts) and a scriptable fake (fake-provider.ts) for tests and local demos.
 */
import { systemTimers, type Timers } from '../timers';
import type { TunnelError } from './tunnel-error';
import type { TrustHeader } from './tunnel-trust';

export interface TunnelConnectOptions {
  /** never empty: the manager reports a missing authtoken itself, before calling a provider */
  authtoken: string;
  /** a domain reserved on the ngrok account, or null for a random one */
  domain: string | null;
  /** loopback `host:port` of the receiver, e.g. `127.0.0.1:8787` */
  forwardTo: string;
  /**
   * The header the edge must add to every request (after dropping any copy the caller sent): the
   * session's secret that tells the receiver a request came through this tunnel (tunnel-trust.ts).
   */
  trustHeader: TrustHeader;
  /**
   * Aborted when the caller gave up (connect timeout, stop()). A provider should release what it
   * holds and reject; one that cannot must still resolve or reject eventually — the caller closes
   * a handle that arrives after the abort.
   */
  signal: AbortSignal;
}

export interface TunnelHandle {
  /** the public HTTPS base URL, e.g. `https://abcd-1-2-3-4.ngrok-free.app` */
  readonly url: string;
  /**
   * Settles once, when the tunnel ends: `null` after close(), a TunnelError when it dropped on its
   * own (network loss, session ended by ngrok). Never rejects.
   */
  readonly closed: Promise<TunnelError | null>;
  /** Ends the tunnel and releases everything it holds. Idempotent; never rejects. */
  close(): Promise<void>;
}

export interface TunnelProvider {
  /** for logs: `ngrok`, `fake` */
  readonly name: string;
  /** Resolves with an online tunnel, or rejects with a TunnelError (permanent or transient). */
  connect(options: TunnelConnectOptions): Promise<TunnelHandle>;
}

/** Timer port (the core's shared timers), so tests drive timeouts and backoff without sleeping. */
export type TunnelTimers = Timers;
export { systemTimers };
