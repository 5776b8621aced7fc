/**
 * Maps what the @ngrok/ngrok SDK throws (a message, often ending in `error_code: ERR_NGROK_<n>`, plus
 * `errorCode` since SDK 1.1) to a classified TunnelError with a message that says what to do.
 * Codes: https://ngrok.com/docs/errors/ — several of them echo the authtoken ("Your authtoken: …"),
 * so the SDK's text is never shown as is: only a redacted, shortened excerpt for unknown errors.
 */
import { TunnelError, tunnelErrors } from './tunnel-error';

export interface SdkErrorInfo {
  message: string;
  errorCode: string | null;
}

const INVALID_AUTHTOKEN = new Set([105, 106, 107, 300, 302, 4018]);
const DOMAIN_NOT_RESERVED = new Set([319, 320, 354, 7117, 7118]);
const DOMAIN_NOT_ALLOWED = new Set([310, 313, 314]);
const DOMAIN_IN_USE = new Set([334, 18009]);
const SESSION_LIMIT = new Set([108]);
const AGENT_TOO_OLD = new Set([120, 121]);

const UNREACHABLE = [
  /failed to establish tcp connection/i,
  /tls handshake/i,
  /\bdns\b|failed to lookup|failed to resolve|name resolution/i,
  /connection (refused|reset|aborted)/i,
  /network is unreachable|no route to host|timed out/i,
  /proxy/i,
];

export function ngrokErrorNumber(info: SdkErrorInfo): number | null {
  const source = info.errorCode ?? info.message;
  const match = /ERR_NGROK_(\d+)/.exec(source);
  return match ? Number(match[1]) : null;
}

export function mapNgrokError(info: SdkErrorInfo, context: { authtoken: string; domain: string | null }): TunnelError {
  const code = ngrokErrorNumber(info);
  const domain = context.domain ?? '(none)';
  if (code !== null) {
    if (INVALID_AUTHTOKEN.has(code)) return tunnelErrors.invalidAuthtoken();
    if (DOMAIN_NOT_RESERVED.has(code)) return tunnelErrors.domainNotReserved(domain);
    if (DOMAIN_NOT_ALLOWED.has(code)) return tunnelErrors.domainNotAllowed(domain);
    if (DOMAIN_IN_USE.has(code)) return tunnelErrors.domainInUse(context.domain);
    if (SESSION_LIMIT.has(code)) return tunnelErrors.sessionLimit();
    if (AGENT_TOO_OLD.has(code)) {
      return new TunnelError('failed', 'ngrok refused this version of its library: update Hookscope', true);
    }
    return tunnelErrors.failed(`ERR_NGROK_${code}`);
  }
  if (/authtoken|authentication failed/i.test(info.message)) return tunnelErrors.invalidAuthtoken();
  if (UNREACHABLE.some((re) => re.test(info.message))) return tunnelErrors.unreachable();
  return tunnelErrors.failed(excerpt(info.message, context.authtoken));
}

/** First line of the SDK's message, the authtoken removed, at most 120 characters. */
export function excerpt(message: string, authtoken: string): string {
  let text = message.split('\n')[0] ?? '';
  if (authtoken) text = text.split(authtoken).join('«authtoken»');
  text = text.replace(/(authtoken\s*[:=]\s*)\S+/gi, '$1«authtoken»').trim();
  if (text.length > 120) text = `${text.slice(0, 117)}...`;
  return text || 'unknown error';
}
