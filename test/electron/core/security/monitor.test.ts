import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { Alert, DeliverySummary } from '../../../../shared/api';
import type { CheckId, Outcome } from '../../../../shared/checks';
import {
  createSecurityMonitor,
  MAX_ALERTS,
  MAX_COUNTER_KEYS,
  type SecurityMonitor,
} from '../../../../electron/core/security/monitor';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;

let nextId = 0;
function delivery(checks: Array<[CheckId, Outcome, string]>, extra: Partial<DeliverySummary> = {}): DeliverySummary {
  nextId += 1;
  const failed = checks.some(([, outcome]) => outcome === 'fail');
  return {
    id: `d${nextId}`,
    sourceId: 'blackbox',
    receivedAt: new Date(T0).toISOString(),
    method: 'POST',
    path: '/hooks/blackbox',
    eventType: null,
    verdict: failed ? 'rejected' : 'verified',
    status: failed ? 401 : 200,
    checks: checks.map(([id, outcome, code]) => ({ id, outcome, code })),
    duplicateOf: null,
    forward: null,
    size: 10,
    clientIp: '203.0.113.7',
    ...extra,
  };
}

const badSignature = (): DeliverySummary => delivery([['transport', 'pass', 'ok'], ['signature', 'fail', 'no_matching_signature'], ['timestamp', 'skip', 'skipped']]);
const ipRejection = (): DeliverySummary => delivery([['source-ip', 'fail', 'not_allowed']]);
const staleTimestamp = (): DeliverySummary => delivery([['signature', 'pass', 'ok'], ['timestamp', 'fail', 'too_old']]);
const wrongToken = (): DeliverySummary => delivery([['auth-token', 'fail', 'wrong_token']]);
const many = (n: number, make: () => DeliverySummary): DeliverySummary[] => Array.from({ length: n }, make);

describe('createSecurityMonitor', () => {
  let now: number;
  let raised: Alert[];
  let monitor: SecurityMonitor;

  beforeEach(() => {
    now = T0;
    raised = [];
    monitor = createSecurityMonitor({ clock: { now: () => now }, onAlert: (a) => raised.push(a) });
  });

  const alertsOf = (code: Alert['code']): Alert[] => raised.filter((a) => a.code === code);

  describe('counters', () => {
    it('counts failing and warning outcomes per (check, code), never passes or skips', () => {
      monitor.record([
        badSignature(),
        badSignature(),
        delivery([['transport', 'warn', 'plain_http'], ['signature', 'warn', 'retiring_secret'], ['duplicate', 'warn', 'duplicate']]),
        delivery([['signature', 'fail', 'missing_signature'], ['payload', 'pass', 'ok']]),
      ]);
      const rows = monitor.snapshot().counters;
      assert.deepEqual(
        rows.map((r) => [r.check, r.code, r.total]),
        [
          ['transport', 'plain_http', 1],
          ['signature', 'missing_signature', 1],
          ['signature', 'no_matching_signature', 2],
          ['signature', 'retiring_secret', 1],
          ['duplicate', 'duplicate', 1],
        ],
        'ordered by the chain, then by code',
      );
    });

    it('slides lastMinute and lastHour with the clock and keeps the total', () => {
      monitor.record([staleTimestamp()]);
      now += 30 * SECOND;
      monitor.record([staleTimestamp()]);
      const row = () => monitor.snapshot().counters.find((r) => r.code === 'too_old');
      assert.deepEqual(row(), { check: 'timestamp', code: 'too_old', lastMinute: 2, lastHour: 2, total: 2 });
      now = T0 + 61 * SECOND;
      assert.equal(row()?.lastMinute, 1);
      now = T0 + 91 * SECOND;
      assert.equal(row()?.lastMinute, 0);
      assert.equal(row()?.lastHour, 2);
      now = T0 + 61 * MINUTE;
      assert.deepEqual(row(), { check: 'timestamp', code: 'too_old', lastMinute: 0, lastHour: 0, total: 2 });
    });

    it('counts a delivery once even when it is recorded again', () => {
      const item = badSignature();
      monitor.record([item]);
      monitor.record([{ ...item, forward: { state: 'delivered', status: 200 } }]);
      assert.equal(monitor.snapshot().counters[0].total, 1);
    });

    it('folds codes beyond the key limit into "other"', () => {
      const items = Array.from({ length: MAX_COUNTER_KEYS + 5 }, (_, i) => delivery([['payload', 'fail', `code_${i}`]]));
      monitor.record(items);
      const rows = monitor.snapshot().counters;
      assert.equal(rows.length, MAX_COUNTER_KEYS + 1);
      assert.equal(rows.find((r) => r.code === 'other')?.total, 5);
    });
  });

  describe('invalid_signatures (critical, more than 10 a minute)', () => {
    it('stays quiet at 10 and raises once at 11, with a message that says what to do', () => {
      monitor.record(many(10, badSignature));
      assert.equal(raised.length, 0);
      now += 5 * SECOND;
      monitor.record([badSignature()]);
      assert.equal(raised.length, 1);
      const [alert] = raised;
      assert.equal(alert.code, 'invalid_signatures');
      assert.equal(alert.severity, 'critical');
      assert.equal(alert.count, 11);
      assert.equal(alert.threshold, 10);
      assert.equal(alert.at, new Date(now).toISOString());
      assert.match(alert.message, /^11 invalid signatures in the last minute/);
      assert.match(alert.message, /probing/);
      assert.match(alert.message, /secret was rotated/);
      assert.match(alert.message, /Checks tab/);
      assert.deepEqual(monitor.snapshot().alerts, [alert]);
    });

    it('does not raise again while the minute stays above the threshold', () => {
      monitor.record(many(11, badSignature));
      for (let i = 0; i < 20; i++) {
        now += 2 * SECOND;
        monitor.record([badSignature()]);
      }
      assert.equal(alertsOf('invalid_signatures').length, 1);
    });

    it('re-arms once the minute drops to the threshold and raises on the next crossing', () => {
      monitor.record(many(11, badSignature));
      now += 61 * SECOND;
      monitor.record(many(10, badSignature));
      assert.equal(alertsOf('invalid_signatures').length, 1, 'back to 10: re-armed, not raised');
      now += 1 * SECOND;
      monitor.record([badSignature()]);
      assert.equal(alertsOf('invalid_signatures').length, 2);
      assert.equal(monitor.snapshot().alerts.length, 2);
      assert.notEqual(raised[0].id, raised[1].id);
      assert.equal(monitor.snapshot().alerts[0].id, raised[1].id, 'newest first');
    });

    it('raises one alert for a burst recorded in one batch, with the real count', () => {
      monitor.record(many(30, badSignature));
      assert.equal(raised.length, 1);
      assert.equal(raised[0].count, 30);
    });

    it('counts failed signatures only, not retiring-secret warnings', () => {
      monitor.record(many(20, () => delivery([['signature', 'warn', 'retiring_secret']])));
      assert.equal(raised.length, 0);
    });

    it('counts every signature failure code', () => {
      const codes = ['missing_signature', 'malformed_signature', 'no_matching_signature', 'retired_secret'];
      monitor.record(Array.from({ length: 11 }, (_, i) => delivery([['signature', 'fail', codes[i % codes.length]]])));
      assert.equal(alertsOf('invalid_signatures').length, 1);
    });

    it('needs the 11 within a sliding minute', () => {
      for (let i = 0; i < 20; i++) {
        monitor.record([badSignature()]);
        now += 7 * SECOND; // about 9 a minute
      }
      assert.equal(raised.length, 0);
    });
  });

  describe('ip_rejections (critical, more than 5 a minute)', () => {
    it('raises at 6 rejections in a minute, not at 5', () => {
      monitor.record(many(5, ipRejection));
      assert.equal(raised.length, 0);
      now += 50 * SECOND;
      monitor.record([ipRejection()]);
      assert.equal(alertsOf('ip_rejections').length, 1);
      const [alert] = raised;
      assert.equal(alert.severity, 'critical');
      assert.equal(alert.count, 6);
      assert.equal(alert.threshold, 5);
      assert.match(alert.message, /allowlist/);
      assert.match(alert.message, /allowIps/);
    });

    it('does not raise for 6 spread over more than a minute', () => {
      monitor.record(many(3, ipRejection));
      now += 61 * SECOND;
      monitor.record(many(3, ipRejection));
      assert.equal(raised.length, 0);
    });
  });

  describe('timestamp_failures (warning, more than 5 an hour)', () => {
    it('raises a warning at the 6th failure within an hour', () => {
      for (let i = 0; i < 5; i++) {
        monitor.record([staleTimestamp()]);
        now += 10 * MINUTE;
      }
      assert.equal(raised.length, 0);
      monitor.record([staleTimestamp()]); // at +50 min
      assert.equal(raised.length, 1);
      assert.equal(raised[0].code, 'timestamp_failures');
      assert.equal(raised[0].severity, 'warning');
      assert.equal(raised[0].count, 6);
      assert.equal(raised[0].threshold, 5);
      assert.match(raised[0].message, /last hour/);
      assert.match(raised[0].message, /clock/);
    });

    it('does not raise for 6 spread over two hours', () => {
      for (let i = 0; i < 6; i++) {
        monitor.record([staleTimestamp()]);
        now += 20 * MINUTE;
      }
      assert.equal(raised.length, 0);
    });
  });

  describe('auth_failures_doubling (critical)', () => {
    it('raises when the last 10 minutes hold more than twice the 10 minutes before', () => {
      monitor.record(many(3, wrongToken));
      now += 10 * MINUTE;
      monitor.record(many(6, wrongToken));
      assert.equal(alertsOf('auth_failures_doubling').length, 0, '6 is exactly double 3');
      now += 1 * SECOND;
      monitor.record([wrongToken()]);
      const alerts = alertsOf('auth_failures_doubling');
      assert.equal(alerts.length, 1);
      assert.equal(alerts[0].severity, 'critical');
      assert.equal(alerts[0].count, 7);
      assert.equal(alerts[0].threshold, 6);
      assert.match(alerts[0].message, /7 auth-token failures in the last 10 minutes, more than double the 3/);
      assert.match(alerts[0].message, /token/);
    });

    it('ignores small numbers: 1 → 2 and 0 → 4 are not spikes', () => {
      monitor.record([wrongToken()]);
      now += 10 * MINUTE;
      monitor.record(many(2, wrongToken));
      assert.equal(raised.length, 0);
      now += 20 * MINUTE;
      monitor.record(many(4, wrongToken));
      assert.equal(raised.length, 0);
    });

    it('raises for 5 failures out of a quiet baseline', () => {
      monitor.record(many(5, wrongToken));
      assert.equal(alertsOf('auth_failures_doubling').length, 1);
      assert.equal(raised[0].threshold, 4);
    });

    it('does not count signature failures as auth failures', () => {
      monitor.record(many(8, badSignature));
      assert.equal(alertsOf('auth_failures_doubling').length, 0);
    });
  });

  describe('calls', () => {
    it('counts failed and completed calls of verified, first-time deliveries', () => {
      monitor.record([
        delivery([], { eventType: 'CompletedWebHookPayload' }),
        delivery([], { eventType: 'call.completed' }),
        delivery([], { eventType: 'call_ended' }),
        delivery([], { eventType: 'call.completed' }),
        delivery([], { eventType: 'FailedWebHookPayload' }),
        delivery([], { eventType: 'call.failed' }),
        delivery([], { eventType: 'StartWebHookPayload' }),
        delivery([], { eventType: 'payment_intent.payment_failed' }),
        delivery([['signature', 'fail', 'no_matching_signature']], { eventType: 'call.failed' }),
        delivery([['duplicate', 'warn', 'duplicate']], { eventType: 'call.failed', duplicateOf: 'd1' }),
      ]);
      assert.deepEqual(monitor.snapshot().calls, { succeeded: 4, failed: 2, ratio: 0.5 });
    });

    it('has no ratio before a call succeeded', () => {
      assert.deepEqual(monitor.snapshot().calls, { succeeded: 0, failed: 0, ratio: null });
      monitor.record([delivery([], { eventType: 'call_failed' })]);
      assert.deepEqual(monitor.snapshot().calls, { succeeded: 0, failed: 1, ratio: null });
    });
  });

  describe('seed', () => {
    const at = (ms: number): Partial<DeliverySummary> => ({ receivedAt: new Date(ms).toISOString() });

    it('rebuilds the windows from receivedAt', () => {
      now = T0 + 2 * 60 * MINUTE;
      monitor.seed([
        delivery([['timestamp', 'fail', 'too_old']], at(now - 90 * MINUTE)),
        delivery([['timestamp', 'fail', 'too_old']], at(now - 30 * MINUTE)),
        delivery([['timestamp', 'fail', 'too_old']], at(now - 10 * SECOND)),
        delivery([], { ...at(now - 5 * MINUTE), eventType: 'call.completed' }),
      ]);
      const row = monitor.snapshot().counters[0];
      assert.deepEqual(row, { check: 'timestamp', code: 'too_old', lastMinute: 1, lastHour: 2, total: 3 });
      assert.equal(monitor.snapshot().calls.succeeded, 1);
    });

    it('lists thresholds history already crossed without calling onAlert, and does not raise them again', () => {
      const items = Array.from({ length: 12 }, (_, i) => delivery([['signature', 'fail', 'no_matching_signature']], at(now - i * SECOND)));
      monitor.seed(items);
      assert.equal(raised.length, 0);
      assert.equal(monitor.snapshot().alerts.length, 1);
      assert.equal(monitor.snapshot().alerts[0].code, 'invalid_signatures');
      now += SECOND;
      monitor.record([badSignature()]);
      assert.equal(raised.length, 0, 'still the same crossing');
      monitor.record(items);
      assert.equal(monitor.snapshot().counters[0].total, 13, 'seeded deliveries recorded again are not counted twice');
    });
  });

  it('keeps at most MAX_ALERTS alerts, newest first', () => {
    for (let i = 0; i < MAX_ALERTS + 3; i++) {
      monitor.record(many(6, ipRejection));
      now += 2 * MINUTE;
      monitor.record([]);
    }
    assert.equal(raised.length, MAX_ALERTS + 3);
    const { alerts } = monitor.snapshot();
    assert.equal(alerts.length, MAX_ALERTS);
    assert.equal(alerts[0].id, raised[raised.length - 1].id);
  });
});
