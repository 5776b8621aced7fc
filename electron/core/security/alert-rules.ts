/**
 * The alert thresholds of seed 002 ("Recommended Alerts"), each a pure reading of the failure counts:
 * critical above 10 invalid signatures a minute, above 5 IP allowlist rejections a minute, a sudden
 * spike in authentication failures (above 100 % of the baseline); warning above 5 timestamp failures
 * an hour.
 */
import type { Alert } from '../../../shared/api';
import type { WindowedCount } from './windowed-count';

/** the checks whose `fail` outcomes feed the alerts */
export const ALERT_CHECKS = ['signature', 'source-ip', 'timestamp', 'auth-token'] as const;
export type AlertCheck = (typeof ALERT_CHECKS)[number];
export type AlertCounts = Record<AlertCheck, WindowedCount>;

export const INVALID_SIGNATURES_PER_MINUTE = 10;
export const IP_REJECTIONS_PER_MINUTE = 5;
export const TIMESTAMP_FAILURES_PER_HOUR = 5;
/** auth failures are compared over two back-to-back windows of this many minutes */
export const AUTH_WINDOW_MINUTES = 10;
/** fewer auth failures than this never count as a spike (1 → 2 is doubling, not an attack) */
export const AUTH_SPIKE_FLOOR = 5;

export interface AlertReading {
  exceeded: boolean;
  count: number;
  /** the number the count had to exceed */
  threshold: number;
  message: string;
}

export interface AlertRule {
  code: Alert['code'];
  severity: Alert['severity'];
  read(counts: AlertCounts, now: number): AlertReading;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export const ALERT_RULES: readonly AlertRule[] = [
  {
    code: 'invalid_signatures',
    severity: 'critical',
    read(counts, now) {
      const count = counts.signature.lastMinute(now);
      return {
        exceeded: count > INVALID_SIGNATURES_PER_MINUTE,
        count,
        threshold: INVALID_SIGNATURES_PER_MINUTE,
        message:
          `${plural(count, 'invalid signature', 'invalid signatures')} in the last minute (alert above ${INVALID_SIGNATURES_PER_MINUTE}): ` +
          'someone may be probing the endpoint, or the secret was rotated — check the Checks tab of a recent delivery ' +
          'for the diagnosis, and add the new secret (with a retiresAt on the old one) if the provider rotated it',
      };
    },
  },
  {
    code: 'ip_rejections',
    severity: 'critical',
    read(counts, now) {
      const count = counts['source-ip'].lastMinute(now);
      return {
        exceeded: count > IP_REJECTIONS_PER_MINUTE,
        count,
        threshold: IP_REJECTIONS_PER_MINUTE,
        message:
          `${plural(count, 'request', 'requests')} from IP addresses outside the allowlist in the last minute (alert above ${IP_REJECTIONS_PER_MINUTE}): ` +
          "someone may be probing the endpoint, or the provider's IP ranges changed — compare the client IPs in the " +
          "Checks tab with the provider's published ranges and update the source's allowIps",
      };
    },
  },
  {
    code: 'timestamp_failures',
    severity: 'warning',
    read(counts, now) {
      const count = counts.timestamp.lastHour(now);
      return {
        exceeded: count > TIMESTAMP_FAILURES_PER_HOUR,
        count,
        threshold: TIMESTAMP_FAILURES_PER_HOUR,
        message:
          `${plural(count, 'timestamp failure', 'timestamp failures')} in the last hour (alert above ${TIMESTAMP_FAILURES_PER_HOUR}): ` +
          "captured requests may be replayed, or a clock is off — the Checks tab shows the skew and a hint; " +
          "sync this machine's clock (NTP) before widening the tolerance (never above 900 s)",
      };
    },
  },
  {
    code: 'auth_failures_doubling',
    severity: 'critical',
    read(counts, now) {
      const count = counts['auth-token'].minutes(now, AUTH_WINDOW_MINUTES);
      const previous = counts['auth-token'].minutes(now, AUTH_WINDOW_MINUTES, AUTH_WINDOW_MINUTES);
      const threshold = Math.max(2 * previous, AUTH_SPIKE_FLOOR - 1);
      return {
        exceeded: count > threshold,
        count,
        threshold,
        message:
          `${plural(count, 'auth-token failure', 'auth-token failures')} in the last ${AUTH_WINDOW_MINUTES} minutes, ` +
          `more than double the ${previous} of the ${AUTH_WINDOW_MINUTES} minutes before: someone may be guessing the token, ` +
          "or it was changed on one side only — check the ?token= in the provider's webhook URL (or its X-Auth-Token header) " +
          "against the source's authTokens",
      };
    },
  },
];
