/** Test fixtures for the store: temp data dirs, a fixed clock, deliveries with sensible defaults. */
import { mkdtempSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult } from '../../../../shared/checks';
import { defaultConfig } from '../../../../shared/config';
import { createStore, newDeliveryId, type CreateStoreOptions, type HookscopeStore } from '../../../../electron/core/store';
import type { NewDelivery } from '../../../../electron/core/store/types';
import Database from 'better-sqlite3';
import { journalFileFor } from '../../../../electron/core/store/sqlite/journal-file';
import { DERIVED_MARK } from '../../../../electron/core/store/sqlite/journal-table';

export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
export const TEST_KEY_HEX = '11'.repeat(32);

export interface TestClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function fixedClock(start = T0): TestClock {
  let t = start;
  return { now: () => t, set: (ms) => (t = ms), advance: (ms) => (t += ms) };
}

export function tempDir(prefix = 'hookscope-store-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openStore(dir: string, overrides: Partial<CreateStoreOptions> = {}): HookscopeStore {
  return createStore({
    dataDir: dir,
    config: defaultConfig(),
    env: { HOOKSCOPE_DATA_KEY: TEST_KEY_HEX },
    clock: fixedClock(),
    ...overrides,
  });
}

/**
 * Waits (bounded) until every journaled delivery is derived. A read's derive gives way to a lock held
 * by another connection and tries again later, so right after add() a row may not be listed or due yet;
 * tests that drive the outbox on a fake clock (no poll timer firing) wait for this first.
 */
export async function allDerived(store: HookscopeStore, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await store.flush();
    if (store.pendingCount() === 0) return;
    if (Date.now() > until) throw new Error(`${store.pendingCount()} deliveries still not derived after ${timeoutMs} ms`);
    await sleep(50);
  }
}

export function check(id: CheckResult['id'], outcome: CheckResult['outcome'], code = outcome === 'pass' ? 'ok' : 'failed'): CheckResult {
  return { id, outcome, code, summary: `${id} ${outcome}`, detail: {}, diagnosis: [] };
}

export const PASSING: CheckResult[] = [check('transport', 'warn', 'plain_http'), check('signature', 'pass'), check('payload', 'pass')];

export function delivery(overrides: Partial<NewDelivery> & { body?: string } = {}): NewDelivery {
  const receivedAt = overrides.receivedAt ?? T0;
  const { body, ...rest } = overrides;
  return {
    id: newDeliveryId(receivedAt),
    receivedAt,
    sourceId: 'blackbox',
    method: 'POST',
    target: '/hooks/blackbox',
    headers: [['Content-Type', 'application/json']],
    rawBody: Buffer.from(body ?? '{"event":"call.completed","data":{"callId":"c1"}}'),
    bodyTruncated: false,
    clientIp: '127.0.0.1',
    checks: PASSING,
    verdict: 'verified',
    status: 200,
    eventType: 'call.completed',
    idempotencyKey: null,
    duplicateOf: null,
    idempotencyExpiresAt: null,
    forwardTarget: null,
    ...rest,
  };
}

/** the journal rows not derived yet, as SQL (journal-file.ts: rows up to the deriver's mark wait to be pruned) */
export const LIVE_JOURNAL = `jr.journal WHERE seq > ${DERIVED_MARK}`;

/** a second, read-only connection to a data directory's database with its journal file attached as `jr` */
export function openReadOnly(dir: string): Database.Database {
  const file = join(dir, 'hookscope.db');
  const db = new Database(file, { readonly: true });
  db.prepare('ATTACH DATABASE ? AS jr').run(journalFileFor(file));
  return db;
}
