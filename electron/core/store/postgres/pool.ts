/**
 * The pooled connection to PostgreSQL. bigint columns come back as numbers (every value stored is an
 * epoch millisecond, a sequence or a count, far below 2^53). A URL's password never appears in a message.
 */
import pg from 'pg';
import { HookscopeError } from '../../../../shared/result';
import { isPostgresUrl } from '../store-url';

const INT8_OID = 20;

/** the URL with its password replaced, for messages and logs */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://… (unparseable URL)';
  }
}

export function createPgPool(url: string, options: { max?: number; applicationName?: string } = {}): pg.Pool {
  if (!isPostgresUrl(url)) {
    throw new HookscopeError('invalid_argument', 'store.url: must be a postgres:// or postgresql:// URL (or env:NAME naming one)');
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'hookscope',
    connectionTimeoutMillis: 10_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // an idle client losing its connection (server restart) must not crash the process; the next query reconnects
  pool.on('error', () => undefined);
  return pool;
}

/** Opens the pool and checks that the server answers, with a message that says what to do. */
export async function connectPg(url: string, options: { max?: number; applicationName?: string } = {}): Promise<pg.Pool> {
  const pool = createPgPool(url, options);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    const code = (error as { code?: string }).code;
    throw new HookscopeError(
      'store_unreachable',
      `Cannot reach PostgreSQL at ${describePostgresUrl(url)}${code ? ` (${code})` : ''}: check the URL, that the server runs and accepts this user`,
    );
  }
  return pool;
}
