import { isAppUrl } from './app-origin';

/**
 * An IPC message is trusted only from the main frame of a page loaded from `app://hookscope`.
 * Sub-frames (whatever their origin), other schemes and look-alike hosts are refused.
 */
export function isTrustedSender(frameUrl: unknown, isMainFrame: unknown): boolean {
  return isMainFrame === true && isAppUrl(frameUrl);
}
