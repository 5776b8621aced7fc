/**
 * Keeps the public HTTPS tunnel up (docs/architecture.md "Tunnel"): states off | connecting | online | error, our own
 * connect timeout (the SDK has none), reconnection with backoff (1 s doubling to 60 s) after a drop
 * or a transient error, none after a permanent one (no or invalid authtoken, domain not reserved).
 * The backoff resets once a tunnel stayed online for a minute, so a flapping tunnel backs off too.
 *
 * Where the tunnel points: the receiver's own listener (`forwardTo`). Each attempt issues a fresh
 * trust secret that the edge adds to every request; stop() and a drop revoke it, so X-Forwarded-*
 * are believed only while this process's session is up and only on its requests (tunnel-trust.ts).
 * The tunnel never exposes the UI or its API.
 */
import type { TunnelState, TunnelStatus } from '../../../shared/api';
import { reconnectDelayMs } from './reconnect-backoff';
import {
  CONNECTING_MESSAGE,
  OFF_MESSAGE,
  onlineMessage,
  reconnectingMessage,
  retryingMessage,
} from './status-messages';
import { TunnelError, tunnelErrors } from './tunnel-error';
import { createTunnelTrust, type TunnelTrust } from './tunnel-trust';
import { systemTimers, type TunnelHandle, type TunnelProvider, type TunnelTimers } from './types';

export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;
/** a tunnel that stayed up this long resets the backoff; one that flaps keeps doubling it */
export const STABLE_AFTER_MS = 60_000;

export interface TunnelManagerOptions {
  provider: TunnelProvider;
  timers?: TunnelTimers;
  /** the resolved authtoken (from `env:NAME` or the encrypted store); null or empty when there is none */
  getAuthtoken: () => string | null;
  /** a reserved domain, or null for a random URL */
  getDomain: () => string | null;
  /** loopback `host:port` of the receiver; may throw while it is not listening */
  forwardTo: () => string;
  /** shared with the receiver; default: a private one (tests) */
  trust?: TunnelTrust;
  /** every status change (the lead pushes them as `tunnelStatusChanged`) */
  onStatus: (status: TunnelStatus) => void;
  connectTimeoutMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export interface TunnelManager {
  /**
   * Turns the tunnel on. Resolves with the status once this attempt settled (online, or error —
   * retries of a transient error go on in the background). While connecting or online it only waits
   * for / returns the current state; while waiting for a retry or stuck on a permanent error, it
   * tries again at once (a "retry now").
   */
  start(): Promise<TunnelStatus>;
  /** Turns the tunnel off: cancels a pending attempt and reconnect, closes the tunnel. Never rejects. */
  stop(): Promise<TunnelStatus>;
  /** stop() then start(): after the authtoken or the domain changed */
  restart(): Promise<TunnelStatus>;
  status(): TunnelStatus;
}

interface Attempt {
  controller: AbortController;
  timer: unknown;
  done: Promise<void>;
  settle: () => void;
}

export function createTunnelManager(opts: TunnelManagerOptions): TunnelManager {
  const timers = opts.timers ?? systemTimers;
  const connectTimeoutMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const log = opts.log ?? (() => undefined);
  const trust = opts.trust ?? createTunnelTrust();

  let current: TunnelStatus = { state: 'off', url: null, message: OFF_MESSAGE };
  let running = false;
  let attempt: Attempt | null = null;
  let handle: TunnelHandle | null = null;
  let retryTimer: unknown = null;
  let stableTimer: unknown = null;
  let failures = 0;

  const status = (): TunnelStatus => ({ ...current });

  function setStatus(state: TunnelState, url: string | null, message: string): void {
    if (current.state === state && current.url === url && current.message === message) return;
    current = { state, url, message };
    try {
      opts.onStatus(status());
    } catch (error) {
      log('error', `tunnel status listener failed: ${(error as Error).name}`);
    }
  }

  function cancelRetry(): void {
    if (retryTimer !== null) timers.clearTimeout(retryTimer);
    retryTimer = null;
  }

  function cancelStable(): void {
    if (stableTimer !== null) timers.clearTimeout(stableTimer);
    stableTimer = null;
  }

  function scheduleRetry(delayMs: number): void {
    cancelRetry();
    retryTimer = timers.setTimeout(() => {
      retryTimer = null;
      if (running && !attempt && !handle) void connect();
    }, delayMs);
  }

  function closeQuietly(late: TunnelHandle): void {
    void Promise.resolve()
      .then(() => late.close())
      .catch(() => undefined);
  }

  function onFailure(error: TunnelError): void {
    if (!running) return;
    if (error.permanent) {
      log('warn', `tunnel: ${error.message}`);
      setStatus('error', null, error.message);
      return;
    }
    failures += 1;
    const delay = reconnectDelayMs(failures);
    log('warn', `tunnel: ${error.message}; retrying in ${delay} ms`);
    setStatus('error', null, retryingMessage(error.message, delay));
    scheduleRetry(delay);
  }

  function onOnline(online: TunnelHandle): void {
    handle = online;
    cancelStable();
    stableTimer = timers.setTimeout(() => {
      stableTimer = null;
      failures = 0;
    }, STABLE_AFTER_MS);
    log('info', `tunnel online at ${online.url}`);
    setStatus('online', online.url, onlineMessage(online.url));
    void online.closed.then((result) => onClosed(online, result));
  }

  function onClosed(closedHandle: TunnelHandle, result: TunnelError | null): void {
    if (handle !== closedHandle) return; // closed by stop()
    handle = null;
    trust.revoke();
    cancelStable();
    closeQuietly(closedHandle); // idempotent: makes sure whatever the provider holds is released
    if (!running) return;
    const reason = result ?? tunnelErrors.dropped();
    failures += 1;
    const delay = reconnectDelayMs(failures);
    log('warn', `tunnel: ${reason.message}; reconnecting in ${delay} ms`);
    setStatus('connecting', null, reconnectingMessage(reason.message, delay));
    scheduleRetry(delay);
  }

  function connect(): Promise<void> {
    const authtoken = opts.getAuthtoken()?.trim() ?? '';
    if (authtoken === '') {
      onFailure(tunnelErrors.noAuthtoken());
      return Promise.resolve();
    }
    let forwardTo: string;
    try {
      forwardTo = opts.forwardTo();
    } catch {
      onFailure(tunnelErrors.notReady());
      return Promise.resolve();
    }
    setStatus('connecting', null, CONNECTING_MESSAGE);

    let settle: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const me: Attempt = { controller: new AbortController(), timer: null, done, settle };
    attempt = me;
    /** true when this attempt is still the one that counts; then it is over */
    const finish = (): boolean => {
      if (attempt !== me) return false;
      attempt = null;
      timers.clearTimeout(me.timer);
      return true;
    };
    me.timer = timers.setTimeout(() => {
      if (!finish()) return;
      // the SDK cannot be interrupted: abort lets the provider release what it can, and a tunnel
      // that still comes up later is closed on arrival (below)
      me.controller.abort();
      onFailure(tunnelErrors.timeout(connectTimeoutMs));
      me.settle();
    }, connectTimeoutMs);

    let pending: Promise<TunnelHandle>;
    try {
      const trustHeader = trust.issue();
      pending = opts.provider.connect({ authtoken, domain: opts.getDomain(), forwardTo, trustHeader, signal: me.controller.signal });
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (online) => {
        if (!finish()) {
          log('info', 'tunnel: a connection that arrived after its attempt was abandoned was closed');
          closeQuietly(online);
          return;
        }
        onOnline(online);
        me.settle();
      },
      (error: unknown) => {
        if (!finish()) return;
        onFailure(toTunnelError(error));
        me.settle();
      },
    );
    return done;
  }

  let closing: Promise<void> | null = null;

  async function start(): Promise<TunnelStatus> {
    // a reserved domain stays bound until the previous session is closed
    if (closing) await closing;
    if (!running) {
      running = true;
      failures = 0;
      await connect();
    } else if (attempt) {
      await attempt.done;
    } else if (!handle) {
      cancelRetry();
      failures = 0;
      await connect();
    }
    return status();
  }

  async function stop(): Promise<TunnelStatus> {
    running = false;
    trust.revoke();
    cancelRetry();
    cancelStable();
    const inFlight = attempt;
    if (inFlight) {
      attempt = null;
      timers.clearTimeout(inFlight.timer);
      inFlight.controller.abort();
      inFlight.settle();
    }
    const open = handle;
    handle = null;
    if (open) {
      closing = (async () => {
        try {
          await open.close();
        } catch {
          // close() must not reject; if it does, the tunnel is gone anyway
        }
      })();
    }
    if (closing) {
      const pending = closing;
      await pending;
      if (closing === pending) closing = null;
    }
    // a start() during close() owns the status from here
    if (!running) setStatus('off', null, OFF_MESSAGE);
    return status();
  }

  return {
    status,
    start,
    stop,
    async restart() {
      await stop();
      return start();
    },
  };
}

function toTunnelError(error: unknown): TunnelError {
  if (error instanceof TunnelError) return error;
  // a provider broke its contract: keep its text out of the UI (it could hold anything)
  return tunnelErrors.failed(error instanceof Error ? error.name : 'unknown error');
}
