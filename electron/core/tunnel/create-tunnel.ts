/**
 * The tunnel as the composition root sees it: picks the provider (real ngrok, the fake, or none),
 * wires the manager, and records tunnel start/stop in the audit log (docs/architecture.md "Storage").
 */
import type { TunnelStatus } from '../../../shared/api';
import { createFakeTunnelProvider } from './fake-provider';
import { createNgrokProvider, type NgrokProviderOptions } from './ngrok-provider';
import { createTunnelManager } from './tunnel-manager';
import type { TunnelTrust } from './tunnel-trust';
import type { TunnelProvider, TunnelTimers } from './types';

/** real: ngrok · fake: the fake provider (tests, demos; no authtoken needed) · off: no tunnel in this process */
export type TunnelMode = 'real' | 'fake' | 'off';

export const DISABLED_MESSAGE = 'No tunnel in this run (it was started with the tunnel disabled): restart Hookscope to use one';

export interface CreateTunnelOptions {
  mode: TunnelMode;
  /** loopback `host:port` of the receiver */
  forwardTo: () => string;
  /** shared with the receiver: a session's secret is issued here and checked there */
  trust?: TunnelTrust;
  /** the resolved authtoken, or null */
  authtoken: () => string | null;
  domain: () => string | null;
  onStatus: (status: TunnelStatus) => void;
  audit?: (action: string, detail: Record<string, unknown>) => void;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** overrides for tests */
  provider?: TunnelProvider;
  timers?: TunnelTimers;
  connectTimeoutMs?: number;
  ngrok?: NgrokProviderOptions;
}

export interface Tunnel {
  start(): Promise<TunnelStatus>;
  stop(): Promise<TunnelStatus>;
  restart(): Promise<TunnelStatus>;
  status(): TunnelStatus;
  /** the public base URL while online, else null */
  publicUrl(): string | null;
}

export function createTunnel(opts: CreateTunnelOptions): Tunnel {
  if (opts.mode === 'off' && !opts.provider) return disabledTunnel();
  const fake = opts.mode === 'fake';
  const provider = opts.provider ?? (fake ? createFakeTunnelProvider() : createNgrokProvider(opts.ngrok));
  const manager = createTunnelManager({
    provider,
    timers: opts.timers,
    connectTimeoutMs: opts.connectTimeoutMs,
    // the fake needs no account: demos and end-to-end tests run without NGROK_AUTHTOKEN
    getAuthtoken: fake ? () => opts.authtoken() || 'fake-authtoken' : opts.authtoken,
    getDomain: opts.domain,
    forwardTo: opts.forwardTo,
    trust: opts.trust,
    onStatus: opts.onStatus,
    log: opts.log,
  });
  let enabled = false;
  const start = (): Promise<TunnelStatus> => {
    if (!enabled) {
      enabled = true;
      opts.audit?.('tunnel_started', { provider: provider.name, domain: opts.domain() });
    }
    return manager.start();
  };
  const stop = (): Promise<TunnelStatus> => {
    if (enabled) {
      enabled = false;
      opts.audit?.('tunnel_stopped', { provider: provider.name });
    }
    return manager.stop();
  };
  return {
    status: manager.status,
    publicUrl() {
      const s = manager.status();
      return s.state === 'online' ? s.url : null;
    },
    start,
    stop,
    restart: () => (enabled ? manager.restart() : start()),
  };
}

function disabledTunnel(): Tunnel {
  const status = (): TunnelStatus => ({ state: 'off', url: null, message: DISABLED_MESSAGE });
  return {
    status,
    publicUrl: () => null,
    start: async () => status(),
    stop: async () => status(),
    restart: async () => status(),
  };
}
