/** Fixtures for the deriver's own tests: a journal of acknowledged deliveries in a real file, and a deriver over it on this thread. */
import assert from 'node:assert/strict';
import type Database from 'better-sqlite3';
import { createKeyRing } from '../../../../electron/core/store/key-ring';
import { createSqliteDeriveTarget } from '../../../../electron/core/store/sqlite/derive-target';
import type { DeriverTurn } from '../../../../electron/core/store/sqlite/write-turn';
import { createDeriver, type Deriver } from '../../../../electron/core/derive/deriver';
import type { DerivedDelivery } from '../../../../electron/core/store/contract';
import type { NewDelivery } from '../../../../electron/core/store/types';
import { createRedactor } from '../../../../shared/redact';
import { defaultConfig } from '../../../../shared/config';
import { delivery, openStore, TEST_KEY_HEX } from '../store/helpers';

/** `rows` deliveries acknowledged into the journal of `dir`, none derived */
export async function journalWith(dir: string, rows: number, make: (i: number) => NewDelivery = () => delivery()): Promise<void> {
  const journalOnly = openStore(dir, { deriver: 'none' });
  await Promise.all(Array.from({ length: rows }, (_, i) => journalOnly.add(make(i))));
  await journalOnly.close();
}

/** a deriver writing every batch (never busy) with the default rules; `derived` sees each batch written */
export function deriverOver(db: Database.Database, derived: (items: DerivedDelivery[]) => void, turn?: DeriverTurn): Deriver {
  const target = createSqliteDeriveTarget(db, 100 * 1024 * 1024, (write) => (write(), true), turn);
  return createDeriver({
    target,
    redactor: () => createRedactor(defaultConfig().redaction),
    ring: createKeyRing(Buffer.from(TEST_KEY_HEX, 'hex')),
    derived,
    onError: (e) => assert.fail(String(e)),
  });
}
