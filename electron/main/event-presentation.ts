/** How core events show up in the desktop shell: the window title and desktop notifications. */
import type { Alert, TunnelStatus } from '../../shared/api';

export const APP_TITLE = 'Hookscope';

export function windowTitle(tunnel: TunnelStatus): string {
  if (tunnel.state === 'online' && tunnel.url) return `${APP_TITLE} — ${tunnel.url}`;
  if (tunnel.state === 'connecting') return `${APP_TITLE} — connecting tunnel…`;
  if (tunnel.state === 'error') return `${APP_TITLE} — tunnel error`;
  return APP_TITLE;
}

export function alertNotification(alert: Alert): { title: string; body: string; urgency: 'critical' | 'normal' } {
  return {
    title: alert.severity === 'critical' ? 'Hookscope: security alert' : 'Hookscope: warning',
    body: alert.message,
    urgency: alert.severity === 'critical' ? 'critical' : 'normal',
  };
}
