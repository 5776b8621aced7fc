/**
 * Which engine holds the data: `--store URL` wins, then the config's `store.url` (env:NAME), else the
 * embedded SQLite file. A URL's password never appears in a message.
 */
import { HookscopeError } from '../../../shared/result';

/** kept here, not beside the driver: choosing the embedded store must not load pg (start-up time) */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export type StoreChoice = { engine: 'sqlite' } | { engine: 'postgres'; url: string };

export function chooseStore(flag: string | null | undefined, configUrl: string | null, env: Record<string, string | undefined>): StoreChoice {
  if (flag) {
    if (!isPostgresUrl(flag)) throw new HookscopeError('invalid_argument', '--store: must be a postgres:// or postgresql:// URL (omit it for the embedded SQLite store)');
    return { engine: 'postgres', url: flag };
  }
  if (configUrl === null) return { engine: 'sqlite' };
  const name = configUrl.slice('env:'.length);
  const value = env[name];
  if (!value) throw new HookscopeError('invalid_argument', `store.url: the environment variable ${name} is not set: set it to postgres://user:password@host:5432/db, or remove store.url for the embedded SQLite store`);
  if (!isPostgresUrl(value)) throw new HookscopeError('invalid_argument', `store.url: ${name} must hold a postgres:// or postgresql:// URL`);
  return { engine: 'postgres', url: value };
}
