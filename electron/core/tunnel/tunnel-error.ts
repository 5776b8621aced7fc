/**
 * Tunnel failures, classified. `permanent` errors need the user to change something (authtoken,
 * domain, plan) and are not retried; transient ones are retried with backoff. Messages are shown to
 * the user as they are: they say what to do, and never contain the authtoken.
 */
export type TunnelErrorCode =
  | 'no_authtoken'
  | 'invalid_authtoken'
  | 'domain_not_reserved'
  | 'domain_not_allowed'
  | 'domain_in_use'
  | 'session_limit'
  | 'unreachable'
  | 'timeout'
  | 'dropped'
  | 'sdk_unavailable'
  | 'not_ready'
  | 'cancelled'
  | 'failed';

export class TunnelError extends Error {
  constructor(
    readonly code: TunnelErrorCode,
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'TunnelError';
  }
}

export function isTunnelError(value: unknown): value is TunnelError {
  return value instanceof TunnelError;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/** The one place where the user-facing wording lives (shared by the adapter, the fake and the manager). */
export const tunnelErrors = {
  noAuthtoken: () =>
    new TunnelError('no_authtoken', 'No ngrok authtoken: paste yours into Settings → Tunnel → ngrok authtoken (copy it from your ngrok dashboard), or set NGROK_AUTHTOKEN', true),
  invalidAuthtoken: () =>
    new TunnelError('invalid_authtoken', 'ngrok rejected the authtoken: copy it again from your ngrok dashboard into Settings → Tunnel → ngrok authtoken', true),
  domainNotReserved: (domain: string) =>
    new TunnelError(
      'domain_not_reserved',
      `The domain ${domain} is not reserved on your ngrok account: reserve it or leave the domain empty`,
      true,
    ),
  domainNotAllowed: (domain: string) =>
    new TunnelError(
      'domain_not_allowed',
      `Your ngrok plan cannot use the domain ${domain}: upgrade the plan or leave the domain empty`,
      true,
    ),
  domainInUse: (domain: string | null) =>
    new TunnelError(
      'domain_in_use',
      `${domain ? `The domain ${domain}` : 'This endpoint'} is already online in another ngrok session: stop the other ngrok agent`,
      false,
    ),
  sessionLimit: () =>
    new TunnelError(
      'session_limit',
      'Your ngrok account allows fewer simultaneous agent sessions than are running: stop the other ngrok agent',
      false,
    ),
  unreachable: () =>
    new TunnelError('unreachable', 'Cannot reach ngrok: check your internet connection or proxy', false),
  timeout: (ms: number) =>
    new TunnelError(
      'timeout',
      `ngrok did not answer within ${formatDuration(ms)}: check your internet connection or proxy`,
      false,
    ),
  dropped: () =>
    new TunnelError('dropped', 'The tunnel connection to ngrok dropped', false),
  sdkUnavailable: () =>
    new TunnelError('sdk_unavailable', 'The ngrok library could not be loaded: reinstall Hookscope', true),
  notReady: () =>
    new TunnelError('not_ready', 'The receiver is not listening yet: restart Hookscope', true),
  cancelled: () => new TunnelError('cancelled', 'The tunnel connection was cancelled', true),
  failed: (detail: string) =>
    new TunnelError('failed', `ngrok failed (${detail}): check status.ngrok.com or your ngrok dashboard`, false),
};
