/**
 * Display rows keep the raw copy sealed compressed (key-ring v2, derive-row.ts deriveForStorage) where
 * that is smaller; the journal's copy, incompressible bodies and rows written before are v1. Both kinds
 * reveal and replay the same exact bytes.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { createKeyRing } from '../../../../electron/core/store';
import { sealRaw } from '../../../../electron/core/store/raw-envelope';
import { allDerived, delivery, openStore, tempDir, TEST_KEY_HEX } from './helpers';

const BODY = JSON.stringify({ event: 'call.completed', data: { transcript: 'Agent: Hello, how can I help you today? '.repeat(30) } });
const HEADERS: Array<[string, string]> = [['Content-Type', 'application/json'], ['X-Trace', 'abc']];

describe('compressed raw copies', () => {
  test('display rows keep the raw copy compressed; incompressible bodies and rows sealed the old way (v1) reveal and replay the same', async () => {
    const { dir, cleanup } = tempDir();
    try {
      let store = openStore(dir);
      const fresh = delivery({ body: BODY, headers: HEADERS });
      const old = delivery({ body: BODY.replace('Hello', 'Howdy'), headers: HEADERS });
      const big = delivery({ body: JSON.stringify({ blob: randomBytes(200_000).toString('base64') }), headers: HEADERS });
      for (const d of [fresh, old, big]) await store.add(d);
      await allDerived(store);
      await store.close();

      const db = new Database(join(dir, 'hookscope.db'));
      const rawOf = (id: string): Buffer => db.prepare('SELECT raw_enc FROM deliveries WHERE id = ?').pluck().get(id) as Buffer;
      const compact = rawOf(fresh.id);
      assert.equal(compact[0], 2, 'key-ring v2 envelope');
      assert.ok(compact.length < BODY.length / 2, `${compact.length} bytes for a ${BODY.length}-byte body`);
      assert.equal(rawOf(big.id)[0], 1, 'random bytes: kept as the journal sealed them');
      // `old` as the previous version stored it
      const ring = createKeyRing(Buffer.from(TEST_KEY_HEX, 'hex'));
      db.prepare('UPDATE deliveries SET raw_enc = ? WHERE id = ?').run(ring.seal(legacyFrame(old.target, old.headers, old.rawBody), `hookscope/raw/${old.id}`), old.id);
      assert.equal(rawOf(old.id)[0], 1);
      db.close();

      store = openStore(dir);
      for (const d of [fresh, old, big]) {
        assert.deepEqual(Buffer.from(store.revealRaw(d.id) ?? []), Buffer.from(d.rawBody));
        const request = store.rawRequest(d.id);
        assert.equal(request?.target, d.target);
        assert.deepEqual(request?.headers, HEADERS);
      }
      await store.close();
    } finally {
      cleanup();
    }
  });

  test('the request path seals uncompressed (v1): compressing waits until after the answer', () => {
    const ring = createKeyRing(Buffer.alloc(32, 3));
    assert.equal(sealRaw(ring, 'a', '/hooks/x', HEADERS, Buffer.from(BODY))[0], 1);
  });
});

/** the frame layout raw-envelope.ts documents, written out here as v1 rows hold it */
function legacyFrame(target: string, headers: Array<[string, string]>, body: Uint8Array): Buffer {
  const meta = Buffer.from(JSON.stringify({ t: target, h: headers }));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(meta.length);
  return Buffer.concat([length, meta, body]);
}
