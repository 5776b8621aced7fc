/**
 * The Security view's engine (docs/architecture.md "Readiness and security monitor"): counts every
 * failing or warning check outcome per (check, code) over the last minute, the last hour and in
 * total; raises seed 002's alerts once per crossing; tracks the failed/succeeded call ratio (seed 000).
 *
 * Memory is bounded: counts live in time-bucket rings, at most MAX_COUNTER_KEYS (check, code) pairs
 * (further codes fold into "other"), the last MAX_ALERTS alerts and the last MAX_SEEN_IDS delivery ids.
 */
import type { Alert, DeliverySummary, SecurityValue } from '../../../shared/api';
import { CHECK_IDS, type CheckId } from '../../../shared/checks';
import { ALERT_CHECKS, ALERT_RULES, type AlertCheck, type AlertCounts, type AlertRule } from './alert-rules';
import { classifyCallEvent } from './call-events';
import { createWindowedCount, type WindowedCount } from './windowed-count';

export const MAX_COUNTER_KEYS = 256;
export const MAX_ALERTS = 100;
export const MAX_SEEN_IDS = 20_000;

export interface SecurityMonitorOptions {
  clock: { now(): number };
  /** called once per threshold crossing, after the monitor's own state is updated */
  onAlert: (alert: Alert) => void;
}

export interface SecurityMonitor {
  /**
   * Counts newly stored deliveries at clock.now(). A delivery id already counted is ignored, so
   * feeding the same delivery again (e.g. from deliveryUpdated) does not double-count it.
   */
  record(items: DeliverySummary[]): void;
  /**
   * Rebuilds the counts from stored history at startup, each delivery at its receivedAt. Thresholds
   * that history already crosses are listed in snapshot().alerts but not sent to onAlert (they were
   * raised when those deliveries arrived); they re-arm like any other once the window drops.
   */
  seed(items: DeliverySummary[]): void;
  snapshot(): SecurityValue;
}

interface CounterEntry {
  check: CheckId;
  code: string;
  count: WindowedCount;
}

const CHECK_ORDER = new Map<CheckId, number>(CHECK_IDS.map((id, i) => [id, i]));
const isAlertCheck = (id: CheckId): id is AlertCheck => (ALERT_CHECKS as readonly string[]).includes(id);

export function createSecurityMonitor(opts: SecurityMonitorOptions): SecurityMonitor {
  const counters = new Map<string, CounterEntry>();
  const alertCounts = Object.fromEntries(ALERT_CHECKS.map((id) => [id, createWindowedCount()])) as AlertCounts;
  /** rules whose threshold is currently crossed and already raised */
  const raised = new Set<AlertRule['code']>();
  const alerts: Alert[] = [];
  const seen = new Set<string>();
  const calls = { succeeded: 0, failed: 0 };
  let sequence = 0;

  function counterFor(check: CheckId, code: string): CounterEntry {
    let key = `${check}\u0000${code}`;
    let entry = counters.get(key);
    if (entry) return entry;
    if (counters.size >= MAX_COUNTER_KEYS) {
      code = 'other';
      key = `${check}\u0000other`;
      entry = counters.get(key);
      if (entry) return entry;
    }
    entry = { check, code, count: createWindowedCount() };
    counters.set(key, entry);
    return entry;
  }

  /** false when the delivery was already counted */
  function remember(id: string): boolean {
    if (seen.has(id)) return false;
    seen.add(id);
    if (seen.size > MAX_SEEN_IDS) {
      const oldest = seen.values().next();
      if (!oldest.done) seen.delete(oldest.value);
    }
    return true;
  }

  function count(item: DeliverySummary, at: number): void {
    for (const check of item.checks) {
      if (check.outcome !== 'fail' && check.outcome !== 'warn') continue;
      counterFor(check.id, check.code).count.add(at);
      if (check.outcome === 'fail' && isAlertCheck(check.id)) alertCounts[check.id].add(at);
    }
    if (item.verdict === 'verified' && item.duplicateOf === null) {
      const outcome = classifyCallEvent(item.eventType);
      if (outcome) calls[outcome] += 1;
    }
  }

  /** re-arms rules whose window dropped back to the threshold or below */
  function rearm(now: number): void {
    for (const rule of ALERT_RULES) {
      if (raised.has(rule.code) && !rule.read(alertCounts, now).exceeded) raised.delete(rule.code);
    }
  }

  /** raises rules that crossed their threshold since they were last armed */
  function raise(now: number): Alert[] {
    const fresh: Alert[] = [];
    for (const rule of ALERT_RULES) {
      const reading = rule.read(alertCounts, now);
      if (!reading.exceeded || raised.has(rule.code)) continue;
      raised.add(rule.code);
      sequence += 1;
      const alert: Alert = {
        id: `${rule.code}-${now}-${sequence}`,
        at: new Date(now).toISOString(),
        severity: rule.severity,
        code: rule.code,
        message: reading.message,
        count: reading.count,
        threshold: reading.threshold,
      };
      alerts.unshift(alert);
      if (alerts.length > MAX_ALERTS) alerts.length = MAX_ALERTS;
      fresh.push(alert);
    }
    return fresh;
  }

  return {
    record(items) {
      const now = opts.clock.now();
      rearm(now);
      for (const item of items) {
        if (remember(item.id)) count(item, now);
      }
      for (const alert of raise(now)) opts.onAlert(alert);
    },
    seed(items) {
      const now = opts.clock.now();
      for (const item of items) {
        if (!remember(item.id)) continue;
        const at = Date.parse(item.receivedAt);
        count(item, Number.isFinite(at) ? Math.min(at, now) : now);
      }
      rearm(now);
      raise(now);
    },
    snapshot() {
      const now = opts.clock.now();
      const rows = [...counters.values()]
        .sort((a, b) => (CHECK_ORDER.get(a.check) ?? 99) - (CHECK_ORDER.get(b.check) ?? 99) || a.code.localeCompare(b.code))
        .map((e) => ({
          check: e.check,
          code: e.code,
          lastMinute: e.count.lastMinute(now),
          lastHour: e.count.lastHour(now),
          total: e.count.total(),
        }));
      return {
        counters: rows,
        alerts: alerts.map((a) => ({ ...a })),
        calls: {
          succeeded: calls.succeeded,
          failed: calls.failed,
          ratio: calls.succeeded > 0 ? calls.failed / calls.succeeded : null,
        },
      };
    },
  };
}
