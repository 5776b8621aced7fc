import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { chooseKeystore, createSafeStorageKeystore, KEY_FILE_NAME, type SafeStorageLike } from '../../../electron/main/keystore';

const dir = mkdtempSync(path.join(tmpdir(), 'hookscope-keystore-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for the OS keychain: reversible, but the stored bytes differ from the plaintext. */
function fakeSafeStorage(overrides: Partial<SafeStorageLike> = {}): SafeStorageLike {
  const mask = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => true,
    encryptString: (plain) => Buffer.concat([Buffer.from('v10'), mask(Buffer.from(plain, 'utf8'))]),
    decryptString: (encrypted) => {
      if (encrypted.subarray(0, 3).toString() !== 'v10') throw new Error('bad ciphertext');
      return mask(encrypted.subarray(3)).toString('utf8');
    },
    getSelectedStorageBackend: () => 'gnome_libsecret',
    ...overrides,
  };
}

test('safeStorage available: the key round-trips through userData/data.key.enc, encrypted, mode 0600', () => {
  const dataDir = path.join(dir, 'a');
  const choice = chooseKeystore(fakeSafeStorage(), dataDir, 'linux');
  assert.equal(choice.warning, null);
  assert.ok(choice.keystore);
  assert.equal(choice.keystore.load(), null, 'no key yet');
  const key = Buffer.alloc(32, 7);
  choice.keystore.save(key);
  const file = path.join(dataDir, KEY_FILE_NAME);
  const stored = readFileSync(file);
  assert.ok(!stored.includes(key) && !stored.includes(Buffer.from(key.toString('base64'))), 'the key is not stored in clear');
  if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(choice.keystore.load(), key);
});

test('safeStorage unavailable: no keystore, and a warning that says where the key goes', () => {
  const choice = chooseKeystore(fakeSafeStorage({ isEncryptionAvailable: () => false }), dir, 'darwin');
  assert.equal(choice.keystore, null);
  assert.match(choice.warning ?? '', /not available.*key file/);
  const throwing = chooseKeystore(fakeSafeStorage({ isEncryptionAvailable: () => { throw new Error('x'); } }), dir, 'win32');
  assert.equal(throwing.keystore, null);
});

test('Linux basic_text backend (hard-coded password) counts as unavailable', () => {
  const choice = chooseKeystore(fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text' }), dir, 'linux');
  assert.equal(choice.keystore, null);
  assert.match(choice.warning ?? '', /password store/);
  assert.ok(chooseKeystore(fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text' }), dir, 'darwin').keystore);
});

test('a key file the keychain cannot decrypt fails loudly with what to do', () => {
  const file = path.join(dir, 'broken.key.enc');
  writeFileSync(file, 'garbage');
  const keystore = createSafeStorageKeystore(fakeSafeStorage(), file);
  assert.throws(() => keystore.load(), /cannot be decrypted.*move the data directory away/);
});
