/**
 * Where the 32-byte data key comes from, in order: HOOKSCOPE_DATA_KEY (hex or base64), the injected
 * keystore (the desktop shell plugs in Electron safeStorage), else `<dataDir>/data.key` created
 * with mode 0600. A key file readable by others is refused, not silently repaired: it may have leaked.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { HookscopeError } from '../../../shared/result';

export const DATA_KEY_ENV = 'HOOKSCOPE_DATA_KEY';
export const KEY_FILE_NAME = 'data.key';
export const DATABASE_FILE_NAME = 'hookscope.db';

export interface Keystore {
  load(): Buffer | null;
  save(key: Buffer): void;
}

export interface DataKeyOptions {
  dataDir: string;
  env: Record<string, string | undefined>;
  keystore?: Keystore;
}

export interface DataKey {
  material: Buffer;
  source: 'env' | 'keystore' | 'file';
  /** the key file, when the key came from or was written to one */
  file: string | null;
}

const GENERATE_HINT = `generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`;

function parseKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(t)) {
    const b = Buffer.from(t, 'base64');
    return b.length === 32 ? b : null;
  }
  return null;
}

function fromEnv(value: string): DataKey {
  const key = parseKey(value);
  if (!key) {
    throw new HookscopeError(
      'data_key_invalid',
      `${DATA_KEY_ENV} must be 32 bytes written as 64 hex characters or 44 base64 characters: ${GENERATE_HINT}`,
    );
  }
  return { material: key, source: 'env', file: null };
}

function readKeyFile(file: string): Buffer {
  if (process.platform !== 'win32') {
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077) {
      throw new HookscopeError(
        'data_key_file_mode',
        `the data key file ${file} is readable by other users (mode ${mode.toString(8).padStart(4, '0')}): run chmod 600 "${file}" and start again`,
      );
    }
  }
  const key = parseKey(readFileSync(file, 'utf8'));
  if (!key) {
    throw new HookscopeError(
      'data_key_invalid',
      `the data key file ${file} does not hold a 32-byte key in base64 or hex: restore the original file, or set ${DATA_KEY_ENV}`,
    );
  }
  return key;
}

function writeKeyFile(file: string, key: Buffer): void {
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, `${key.toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function refuseIfDatabaseExists(dataDir: string): void {
  if (existsSync(join(dataDir, DATABASE_FILE_NAME))) {
    throw new HookscopeError(
      'data_key_missing',
      `the database in ${dataDir} is encrypted with a data key that is not available: restore ${join(dataDir, KEY_FILE_NAME)} or set ${DATA_KEY_ENV} to the original key (or move the data directory to start afresh)`,
    );
  }
}

export function createDataKey(options: DataKeyOptions): DataKey {
  const { dataDir, env, keystore } = options;
  const envValue = env[DATA_KEY_ENV];
  if (envValue !== undefined && envValue.trim() !== '') return fromEnv(envValue);

  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, KEY_FILE_NAME);

  if (keystore) {
    const stored = keystore.load();
    if (stored) {
      if (stored.length !== 32) {
        throw new HookscopeError('data_key_invalid', `the keystore returned a ${stored.length}-byte data key; 32 bytes are required`);
      }
      return { material: stored, source: 'keystore', file: null };
    }
    // adopt a headless key file, so a data directory moves from `hookscope serve` to the desktop app
    if (existsSync(file)) {
      const key = readKeyFile(file);
      keystore.save(key);
      return { material: key, source: 'keystore', file };
    }
    refuseIfDatabaseExists(dataDir);
    const key = randomBytes(32);
    keystore.save(key);
    return { material: key, source: 'keystore', file: null };
  }

  if (existsSync(file)) return { material: readKeyFile(file), source: 'file', file };
  refuseIfDatabaseExists(dataDir);
  const key = randomBytes(32);
  try {
    writeKeyFile(file, key);
  } catch (e) {
    // another process created it first: use theirs
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { material: readKeyFile(file), source: 'file', file };
    throw e;
  }
  return { material: key, source: 'file', file };
}
