import { describe, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDataKey, createKeyRing, type Keystore } from '../../../../electron/core/store';
import { HookscopeError } from '../../../../shared/result';
import { openStore, tempDir, TEST_KEY_HEX } from './helpers';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof HookscopeError, String(e));
    return e.code;
  }
  return 'no error';
}

describe('createDataKey', () => {
  test('HOOKSCOPE_DATA_KEY in hex or base64', () => {
    const { dir, cleanup } = tempDir();
    try {
      const hex = createDataKey({ dataDir: dir, env: { HOOKSCOPE_DATA_KEY: TEST_KEY_HEX } });
      const b64 = createDataKey({ dataDir: dir, env: { HOOKSCOPE_DATA_KEY: Buffer.from(TEST_KEY_HEX, 'hex').toString('base64') } });
      assert.equal(hex.source, 'env');
      assert.deepEqual(hex.material, Buffer.alloc(32, 0x11));
      assert.deepEqual(b64.material, hex.material);
      assert.equal(existsSync(join(dir, 'data.key')), false);
    } finally {
      cleanup();
    }
  });

  test('a wrong length is a clear error naming the variable, without echoing the value', () => {
    const { dir, cleanup } = tempDir();
    try {
      const secret = 'abcd'.repeat(8);
      assert.throws(
        () => createDataKey({ dataDir: dir, env: { HOOKSCOPE_DATA_KEY: secret } }),
        (e: unknown) => e instanceof HookscopeError && e.code === 'data_key_invalid' && /HOOKSCOPE_DATA_KEY must be 32 bytes/.test(e.message) && !e.message.includes(secret),
      );
    } finally {
      cleanup();
    }
  });

  test('headless: a key file is created with mode 0600 and reused', { skip: process.platform === 'win32' }, () => {
    const { dir, cleanup } = tempDir();
    try {
      const first = createDataKey({ dataDir: dir, env: {} });
      assert.equal(first.source, 'file');
      const file = join(dir, 'data.key');
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').length, 32);
      assert.deepEqual(createDataKey({ dataDir: dir, env: {} }).material, first.material);
    } finally {
      cleanup();
    }
  });

  test('a key file readable by others is refused with what to do', { skip: process.platform === 'win32' }, () => {
    const { dir, cleanup } = tempDir();
    try {
      createDataKey({ dataDir: dir, env: {} });
      const file = join(dir, 'data.key');
      chmodSync(file, 0o644);
      assert.throws(
        () => createDataKey({ dataDir: dir, env: {} }),
        (e: unknown) => e instanceof HookscopeError && e.code === 'data_key_file_mode' && e.message.includes(`chmod 600 "${file}"`),
      );
    } finally {
      cleanup();
    }
  });

  test('a damaged key file is a clear error', () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(join(dir, 'data.key'), 'short\n', { mode: 0o600 });
      assert.equal(code(() => createDataKey({ dataDir: dir, env: {} })), 'data_key_invalid');
    } finally {
      cleanup();
    }
  });

  test('desktop: the keystore hook generates once, then loads', () => {
    const { dir, cleanup } = tempDir();
    try {
      let saved: Buffer | null = null;
      const keystore: Keystore = { load: () => saved, save: (k) => (saved = Buffer.from(k)) };
      const first = createDataKey({ dataDir: dir, env: {}, keystore });
      assert.equal(first.source, 'keystore');
      assert.ok(saved);
      assert.deepEqual(createDataKey({ dataDir: dir, env: {}, keystore }).material, first.material);
      assert.equal(existsSync(join(dir, 'data.key')), false, 'no key file on the desktop');
    } finally {
      cleanup();
    }
  });

  test('a database without its key file is refused instead of getting a new key', async () => {
    const { dir, cleanup } = tempDir();
    try {
      await openStore(dir, { env: {} }).close();
      const { rmSync } = await import('node:fs');
      rmSync(join(dir, 'data.key'));
      assert.equal(code(() => createDataKey({ dataDir: dir, env: {} })), 'data_key_missing');
      assert.equal(existsSync(join(dir, 'data.key')), false);
    } finally {
      cleanup();
    }
  });
});

describe('wrong data key', () => {
  test('detected at open with data_key_mismatch and the message that says what to do', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      await store.close();
      assert.throws(
        () => openStore(dir, { env: { HOOKSCOPE_DATA_KEY: '22'.repeat(32) } }),
        (e: unknown) =>
          e instanceof HookscopeError &&
          e.code === 'data_key_mismatch' &&
          e.message === 'the database was encrypted with another data key: set HOOKSCOPE_DATA_KEY to the original key or move the data directory',
      );
      // the right key still opens it
      await openStore(dir).close();
    } finally {
      cleanup();
    }
  });
});

describe('sealed secrets', () => {
  test('sealSecret/openSecret round-trip; another key refuses, never returns garbage', () => {
    const ring = createKeyRing(Buffer.alloc(32, 1));
    const sealed = ring.sealSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    assert.match(sealed, /^enc:[A-Za-z0-9+/=]+$/);
    assert.ok(!sealed.includes('whsec_'));
    assert.notEqual(ring.sealSecret('x'), ring.sealSecret('x'), 'random nonce');
    assert.equal(ring.openSecret(sealed), 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    assert.equal(code(() => createKeyRing(Buffer.alloc(32, 2)).openSecret(sealed)), 'data_key_mismatch');
    assert.equal(code(() => ring.openSecret('env:X')), 'invalid_argument');
  });

  test('raw envelopes are bound to their row', () => {
    const ring = createKeyRing(Buffer.alloc(32, 1));
    const env = ring.seal(Buffer.from('body'), 'hookscope/raw-body/A');
    assert.equal(ring.open(env, 'hookscope/raw-body/A').toString(), 'body');
    assert.equal(code(() => ring.open(env, 'hookscope/raw-body/B')), 'data_unreadable');
  });

  test('compressed envelopes (v2) open like v1; a swapped version byte or row refuses; incompressible bytes get none', () => {
    const ring = createKeyRing(Buffer.alloc(32, 1));
    const plain = Buffer.from(JSON.stringify({ event: 'call.completed', note: 'the same words again and again '.repeat(40) }));
    const v2 = ring.sealCompressed(plain, 'hookscope/raw/A');
    assert.ok(v2);
    assert.equal(v2[0], 2);
    assert.ok(v2.length < plain.length / 2, `${v2.length} bytes sealed from ${plain.length}`);
    assert.ok(!v2.includes(Buffer.from('again')), 'compressed, then encrypted');
    assert.deepEqual(ring.open(v2, 'hookscope/raw/A'), plain);
    assert.equal(code(() => ring.open(v2, 'hookscope/raw/B')), 'data_unreadable');
    const relabelled = Buffer.from(v2);
    relabelled[0] = 1;
    assert.equal(code(() => ring.open(relabelled, 'hookscope/raw/A')), 'data_unreadable');
    const v1 = ring.seal(plain, 'hookscope/raw/A');
    v1[0] = 2;
    assert.equal(code(() => ring.open(v1, 'hookscope/raw/A')), 'data_unreadable');
    assert.equal(code(() => createKeyRing(Buffer.alloc(32, 2)).open(v2, 'hookscope/raw/A')), 'data_unreadable');
    assert.equal(ring.sealCompressed(randomBytes(2000), 'hookscope/raw/A'), null);
  });
});
