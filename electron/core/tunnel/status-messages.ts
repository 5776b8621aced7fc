/** What the tunnel status line says (TunnelStatus.message): always what is going on and what to do. */
import { formatDuration } from './tunnel-error';

export const OFF_MESSAGE = 'Tunnel off: turn it on in Settings (or start with --tunnel) to get a public HTTPS URL';
export const CONNECTING_MESSAGE = 'Connecting to ngrok…';

export function onlineMessage(url: string): string {
  return `Online: paste ${url}/hooks/<source-id> into your provider's dashboard`;
}

/** after a transient failure, e.g. "Cannot reach ngrok: check your internet connection or proxy (retrying in 2 s)" */
export function retryingMessage(reason: string, delayMs: number): string {
  return `${reason} (retrying in ${formatDuration(delayMs)})`;
}

/** after an established tunnel dropped */
export function reconnectingMessage(reason: string, delayMs: number): string {
  return `${reason}: reconnecting in ${formatDuration(delayMs)}`;
}
