/**
 * The deriver's pace (deriver.ts): a short journal waits DERIVE_DELAY_MS to grow before its next batch
 * (fewer, bigger transactions: each commit writes every leaf page its rows touched), a backlog of
 * FULL_BATCH_ROWS or more is derived batch after batch without waiting.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { openDatabase } from '../../../../electron/core/store';
import { DERIVE_BATCH, DERIVE_DELAY_MS, FULL_BATCH_ROWS, type Deriver } from '../../../../electron/core/derive/deriver';
import { tempDir } from '../store/helpers';
import { deriverOver, journalWith } from './helpers';

/** a journal of `rows` acknowledged deliveries, and a deriver over it whose batch sizes are recorded */
async function journalOf(dir: string, rows: number): Promise<{ deriver: Deriver; batches: number[]; close(): void }> {
  await journalWith(dir, rows);
  const db = openDatabase(join(dir, 'hookscope.db'));
  const batches: number[] = [];
  const deriver = deriverOver(db, (items) => batches.push(items.length));
  return { deriver, batches, close: () => db.close() };
}

describe('deriver pace', () => {
  let cleanup: () => void;
  let dir: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
  });
  afterEach(() => {
    mock.timers.reset();
    cleanup();
  });

  test('the rows left after a full batch, fewer than FULL_BATCH_ROWS, wait DERIVE_DELAY_MS', async () => {
    const short = FULL_BATCH_ROWS - 150;
    const j = await journalOf(dir, DERIVE_BATCH + short);
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      j.deriver.nudge();
      mock.timers.tick(DERIVE_DELAY_MS);
      assert.deepEqual(j.batches, [DERIVE_BATCH]);
      mock.timers.tick(DERIVE_DELAY_MS - 1);
      assert.deepEqual(j.batches, [DERIVE_BATCH], 'a short journal is not derived before the delay');
      mock.timers.tick(1);
      assert.deepEqual(j.batches, [DERIVE_BATCH, short]);
    } finally {
      j.deriver.stop();
      j.close();
    }
  });

  test('a backlog of FULL_BATCH_ROWS or more is derived without waiting', async () => {
    const j = await journalOf(dir, DERIVE_BATCH + FULL_BATCH_ROWS);
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      j.deriver.nudge();
      // the next batch is due at once: the same tick runs it
      mock.timers.tick(DERIVE_DELAY_MS);
      assert.deepEqual(j.batches, [DERIVE_BATCH, FULL_BATCH_ROWS]);
    } finally {
      j.deriver.stop();
      j.close();
    }
  });
});
