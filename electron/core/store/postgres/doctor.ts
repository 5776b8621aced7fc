/**
 * `hookscope doctor` for a team database: what can be checked without changing anything — the server
 * answers, the schema version against this Hookscope's, who holds Hookscope's advisory locks, this
 * machine's HOOKSCOPE_DATA_KEY against the team's key check, replicas listening, work waiting. Read
 * only: it never migrates. The URL's password never appears in a line (describePostgresUrl).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Pool } from 'pg';
import { DATA_KEY_ENV } from '../data-key';
import { LOCK_KEYS } from './locks';
import { PG_LATEST_VERSION } from './migrate';
import { connectPg, describePostgresUrl } from './pool';
import { teamKeyRing } from './shared-key';

export interface DoctorFinding {
  ok: boolean;
  text: string;
}

/** a migration holding its lock longer than this is reported as stuck */
const STUCK_MIGRATION_MS = 5 * 60_000;

async function schemaFindings(pool: Pool): Promise<{ findings: DoctorFinding[]; hasSchema: boolean }> {
  const { rows: exists } = await pool.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  if (exists[0].t === null) {
    return { findings: [{ ok: true, text: 'no Hookscope schema yet: the first `hookscope serve --store …` creates it' }], hasSchema: false };
  }
  const { rows } = await pool.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  const version = rows[0].v ?? 0;
  if (version > PG_LATEST_VERSION) {
    return {
      findings: [{ ok: false, text: `schema version ${version} is newer than this Hookscope knows (${PG_LATEST_VERSION}): upgrade this Hookscope to the replicas' version` }],
      hasSchema: true,
    };
  }
  if (version < PG_LATEST_VERSION) {
    return { findings: [{ ok: true, text: `schema version ${version} of ${PG_LATEST_VERSION}: the next \`hookscope serve\` migrates it (once, under a lock)` }], hasSchema: true };
  }
  return { findings: [{ ok: true, text: `schema version ${version}: up to date` }], hasSchema: true };
}

async function lockFindings(pool: Pool): Promise<DoctorFinding[]> {
  // a bigint advisory key is split into classid (high 32 bits) and objid (low 32 bits)
  const { rows } = await pool.query<{ name: string; pid: number; app: string | null; held_ms: number | null }>(
    `SELECT k.name, l.pid, a.application_name AS app,
       (extract(epoch FROM now() - coalesce(a.xact_start, a.backend_start)) * 1000)::bigint AS held_ms
     FROM pg_locks l
     JOIN unnest($1::text[], $2::bigint[]) AS k(name, key) ON ((l.classid::bigint << 32) | l.objid::bigint) = k.key
     LEFT JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [Object.keys(LOCK_KEYS), Object.values(LOCK_KEYS)],
  );
  if (rows.length === 0) return [{ ok: true, text: 'advisory locks: none held (no migration, append or purge running right now)' }];
  return rows.map((r) => {
    const who = `pid ${r.pid}${r.app ? ` (${r.app})` : ''}`;
    const seconds = Math.round((r.held_ms ?? 0) / 1000);
    if (r.name === 'migrate' && (r.held_ms ?? 0) > STUCK_MIGRATION_MS) {
      return { ok: false, text: `the migration lock has been held by ${who} for ${seconds} s: replicas wait for it at start; if that process hangs, end it (SELECT pg_terminate_backend(${r.pid}))` };
    }
    return { ok: true, text: `advisory lock "${r.name}" held by ${who} for ${seconds} s` };
  });
}

async function keyFinding(pool: Pool, env: Record<string, string | undefined>): Promise<DoctorFinding> {
  const { rows } = await pool.query<{ value: Buffer }>("SELECT value FROM meta WHERE key = 'key_check'");
  if (rows.length === 0) return { ok: true, text: `data key: no replica has recorded the team's key check yet (the first serve does)` };
  if (!env[DATA_KEY_ENV]?.trim()) {
    return { ok: false, text: `data key: ${DATA_KEY_ENV} is not set here, so it cannot be checked against the team's: set it to the replicas' key` };
  }
  let expected: Buffer;
  try {
    expected = teamKeyRing(env).keyCheck();
  } catch (error) {
    return { ok: false, text: `data key: ${(error as Error).message}` };
  }
  const stored = rows[0].value;
  return stored.length === expected.length && timingSafeEqual(stored, expected)
    ? { ok: true, text: `data key: ${DATA_KEY_ENV} matches the team's key check` }
    : { ok: false, text: `data key: this ${DATA_KEY_ENV} differs from the one the team database was started with: a replica with it is refused; give every replica the same key` };
}

async function activityFindings(pool: Pool): Promise<DoctorFinding[]> {
  const { rows } = await pool.query<{ replicas: number; backlog: number; due: number }>(
    `SELECT (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'hookscope-listen')::int AS replicas,
       (SELECT coalesce(max(seq), 0) FROM deliveries) - (SELECT watermark FROM derive_state WHERE id = 1) AS backlog,
       (SELECT count(*) FROM outbox WHERE state IN ('pending', 'retrying'))::int AS due`,
  );
  const r = rows[0];
  return [
    { ok: true, text: `replicas listening: ${r.replicas}` },
    { ok: true, text: `deliveries waiting to be derived: ${Math.max(0, r.backlog)}; forwards waiting: ${r.due}` },
  ];
}

/** every finding, in order; unreachable is one failed finding */
export async function checkPostgresStore(url: string, env: Record<string, string | undefined>): Promise<DoctorFinding[]> {
  const where = describePostgresUrl(url);
  let pool: Pool;
  try {
    pool = await connectPg(url, { max: 1, applicationName: 'hookscope-doctor' });
  } catch (error) {
    return [{ ok: false, text: (error as Error).message }];
  }
  try {
    const { rows } = await pool.query<{ version: string }>("SELECT current_setting('server_version') AS version");
    const findings: DoctorFinding[] = [{ ok: true, text: `${where}: reachable (PostgreSQL ${rows[0].version})` }];
    const schema = await schemaFindings(pool);
    findings.push(...schema.findings);
    findings.push(...(await lockFindings(pool)));
    if (schema.hasSchema) {
      findings.push(await keyFinding(pool, env));
      if (schema.findings.every((f) => f.ok)) findings.push(...(await activityFindings(pool)));
    }
    return findings;
  } catch (error) {
    return [{ ok: false, text: `${where}: a check failed (${(error as { code?: string }).code ?? (error as Error).name}): ${(error as Error).message}` }];
  } finally {
    await pool.end().catch(() => undefined);
  }
}
