import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DELIVERY_ID_PATTERN, newDeliveryId } from '../../../../electron/core/store';
import { defaultConfig } from '../../../../shared/config';
import { delivery, openStore, tempDir, T0 } from './helpers';

describe('search indexer', () => {
  test('rows committed but not yet indexed when the process died are indexed at the next open', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      const d = delivery({ body: '{"event":"call.completed","note":"walrus","phoneNumber":"+1 415 555 0100"}' });
      await store.add(d);
      await store.close();
      // what a kill -9 between the commit and the indexer's transaction leaves behind
      const db = new Database(join(dir, 'hookscope.db'));
      db.exec(`DELETE FROM blind_index;
        INSERT INTO deliveries_fts (deliveries_fts) VALUES ('delete-all');
        UPDATE meta SET value = 0 WHERE key = 'indexed_seq';`);
      assert.equal((db.prepare('SELECT COUNT(*) AS n FROM blind_index').get() as { n: number }).n, 0);
      db.close();

      const reopened = openStore(dir);
      assert.deepEqual(reopened.list({ q: 'walrus' }).items.map((i) => i.id), [d.id]);
      assert.equal(await reopened.eraseByValue('4155550100'), 1);
      await reopened.close();
    } finally {
      cleanup();
    }
  });

  test('a search right after add() resolves sees the delivery', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      const d = delivery({ body: '{"event":"narwhal.sighted"}', eventType: 'narwhal.sighted' });
      await store.add(d);
      assert.deepEqual(store.list({ q: 'narwhal' }).items.map((i) => i.id), [d.id]);
      await store.close();
    } finally {
      cleanup();
    }
  });
});

describe('checkpoints', () => {
  for (const checkpointWorker of [true, false]) {
    test(`the WAL is checkpointed into the database file (${checkpointWorker ? 'worker thread' : 'main thread'})`, async () => {
      const { dir, cleanup } = tempDir();
      try {
        const store = openStore(dir, { checkpointWorker });
        await Promise.all(Array.from({ length: 50 }, () => store.add(delivery())));
        const result = await store.checkpoint();
        assert.ok(result.log > 0);
        assert.equal(result.checkpointed, result.log);
        await store.close();
      } finally {
        cleanup();
      }
    });
  }
});

describe('runtime configuration', () => {
  test('redaction rules edited at runtime apply to deliveries stored from then on', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      const before = delivery({ body: '{"memberNo":"078-05-1120"}' });
      await store.add(before);
      store.updateConfig({ ...defaultConfig(), redaction: { keys: ['memberNo'], detectors: ['email', 'phone', 'card'] } });
      const after = delivery({ body: '{"memberNo":"078-05-1120"}' });
      await store.add(after);
      assert.equal(store.get(before.id)?.body, '{"memberNo":"078-05-1120"}');
      assert.equal(store.get(after.id)?.body, '{"memberNo":"«redacted memberNo»"}');
      await store.close();
    } finally {
      cleanup();
    }
  });
});

describe('newDeliveryId', () => {
  test('unique, well-formed, sorted by time and by creation within one millisecond', () => {
    const same = Array.from({ length: 1000 }, () => newDeliveryId(T0));
    assert.equal(new Set(same).size, 1000);
    assert.ok(same.every((id) => DELIVERY_ID_PATTERN.test(id)));
    assert.deepEqual([...same].sort(), same);
    assert.ok(newDeliveryId(T0 + 1) > same[same.length - 1]);
    assert.ok(newDeliveryId(T0 - 1000) < same[0]);
    assert.equal(newDeliveryId(T0).slice(0, 10), newDeliveryId(T0 + 0.4).slice(0, 10));
  });
});
