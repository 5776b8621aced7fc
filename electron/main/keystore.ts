/**
 * The data key's keystore for the desktop app (docs/architecture.md "Storage"): the key is encrypted with Electron's
 * safeStorage (OS keychain / DPAPI / libsecret) and kept in `<userData>/data.key.enc`. Pure: the
 * safeStorage and the file system come in as small interfaces.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const KEY_FILE_NAME = 'data.key.enc';

/** The synchronous safeStorage calls (the core's keystore interface is synchronous). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which password store is in use; `basic_text` means a hard-coded password */
  getSelectedStorageBackend?(): string;
}

export interface Keystore {
  load(): Buffer | null;
  save(key: Buffer): void;
}

export type KeystoreChoice = { keystore: Keystore; warning: null } | { keystore: null; warning: string };

/**
 * safeStorage when it really protects the key; otherwise null with a one-line warning (the core then
 * keeps its own key file, mode 0600, in the data directory — as in headless mode).
 */
export function chooseKeystore(safeStorage: SafeStorageLike, dataDir: string, platform: string = process.platform): KeystoreChoice {
  let available = false;
  try {
    available = safeStorage.isEncryptionAvailable();
  } catch {
    available = false;
  }
  if (!available) {
    return { keystore: null, warning: 'The OS keychain (Electron safeStorage) is not available: the data key is kept in a key file (mode 0600) in the data directory instead.' };
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    return { keystore: null, warning: 'No password store (gnome-keyring/libsecret or KWallet) was found: the data key is kept in a key file (mode 0600) in the data directory instead. Install one and restart to protect it with the OS keychain.' };
  }
  return { keystore: createSafeStorageKeystore(safeStorage, path.join(dataDir, KEY_FILE_NAME)), warning: null };
}

export function createSafeStorageKeystore(safeStorage: SafeStorageLike, filePath: string): Keystore {
  return {
    load() {
      if (!existsSync(filePath)) return null;
      let encoded: string;
      try {
        encoded = safeStorage.decryptString(readFileSync(filePath));
      } catch {
        throw new Error(`The data key in ${filePath} cannot be decrypted with the OS keychain (was the keychain reset or the file copied from another machine?). Restore the keychain entry, or move the data directory away to start fresh.`);
      }
      const key = Buffer.from(encoded, 'base64');
      if (key.length === 0) throw new Error(`The data key in ${filePath} is empty: move the data directory away to start fresh.`);
      return key;
    },
    save(key) {
      mkdirSync(path.dirname(filePath), { recursive: true, mode: 0o700 });
      const encrypted = safeStorage.encryptString(key.toString('base64'));
      const temp = `${filePath}.${process.pid}.tmp`;
      writeFileSync(temp, encrypted, { mode: 0o600 });
      renameSync(temp, filePath);
    },
  };
}
