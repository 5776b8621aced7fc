/**
 * `hookscope doctor`: checks the data directory's database and repairs a damaged one (store/sqlite/doctor.ts);
 * with `--store postgres://…` or a config whose store.url names one, checks the team database instead
 * (store/postgres/doctor.ts: read only, nothing to repair there). Both warn about plain-text secrets in the config.
 */
import { join, resolve } from 'node:path';
import type { HookscopeConfig } from '../../../../shared/config';
import { defaultDataDir } from '../../data-dir';
import { defineCommand } from '../command';
import { CliError } from '../errors';

export const doctorCommand = defineCommand({
  name: 'doctor',
  summary: 'Check the database of a data directory (repair a damaged one, keeping the damaged file) or a team PostgreSQL.',
  positionals: [],
  options: {
    'data-dir': { type: 'string', value: 'DIR', description: 'the data directory (default ~/.hookscope)' },
    check: { type: 'boolean', description: 'only check: exit 1 when the database is damaged or locked, change nothing' },
    store: { type: 'string', value: 'URL', description: "a team's PostgreSQL to check instead (default: the config's store.url)" },
    config: { type: 'string', value: 'FILE', description: 'the configuration whose store.url names the team database' },
  },
  details:
    'A damaged database is moved (never deleted) into DIR/damaged-<time>/, what can be read is recovered\n' +
    "(SQLite's .recover when the sqlite3 program is installed, else a table-by-table salvage) into a fresh\n" +
    'database, and Hookscope starts again. Stop Hookscope first: a locked database is only reported.\n' +
    'Exit codes: 0 healthy or repaired, 1 damaged (with --check), locked, or the repair failed.\n' +
    'A team database (PostgreSQL) is only checked, never changed: reachable, schema version, advisory lock\n' +
    'holders, HOOKSCOPE_DATA_KEY against the team\'s key check, replicas listening. Exit 1 on any problem.\n' +
    'Either way, a secret or ngrok authtoken written in the config file in plain text is named by its key path\n' +
    '(a "warning" line, never the value; the exit code is unchanged): make it env:NAME or paste it in Settings.',
  async run({ values, io }) {
    const dataDir = resolve(values['data-dir'] ?? defaultDataDir(io.env));
    const say = (line: string) => io.stdout.write(`${line}\n`);
    const config = await loadConfig(values, dataDir);
    if (config) {
      const { plainTextSecretWarnings } = await import('../../config/plain-text-secrets');
      for (const w of plainTextSecretWarnings(config.config, config.path)) say(`warning ${w}`);
    }
    const teamUrl = await teamStoreUrl(values.store, config?.config.store.url ?? null, io.env);
    if (teamUrl !== null) {
      const { checkPostgresStore } = await import('../../store/postgres/doctor');
      const findings = await checkPostgresStore(teamUrl, io.env);
      for (const f of findings) say(`${f.ok ? 'ok     ' : 'PROBLEM'} ${f.text}`);
      return findings.every((f) => f.ok) ? 0 : 1;
    }
    const { checkDatabase, repairDatabase } = await import('../../store/sqlite/doctor');
    const { DATABASE_FILE_NAME } = await import('../../store/data-key');
    const file = join(dataDir, DATABASE_FILE_NAME);
    const health = checkDatabase(file);
    if (health.state === 'missing') {
      say(`No database at ${file} yet: Hookscope creates it on first start. Nothing to do.`);
      return 0;
    }
    if (health.state === 'ok') {
      say(`${file}: integrity check passed. Nothing to do.`);
      return 0;
    }
    if (health.state === 'locked') {
      throw new CliError(`${file} is locked by another process (${health.problem}): stop the Hookscope that uses ${dataDir}, then run doctor again`);
    }
    say(`${file} is damaged:`);
    for (const p of health.problems.slice(0, 10)) say(`  ${p}`);
    if (values.check) return 1;
    const report = repairDatabase(dataDir, { sqlite3: io.env.HOOKSCOPE_SQLITE3 === 'none' ? null : io.env.HOOKSCOPE_SQLITE3 || 'sqlite3' });
    say(`The damaged files were moved to ${report.keptIn} (nothing was deleted).`);
    const total = Object.values(report.recovered).reduce((a, b) => a + b, 0);
    if (report.sqlite3Failed) say("The sqlite3 program's .recover was not available or failed on this file: salvaging table by table instead.");
    if (report.method) {
      say(`Recovered with ${report.method}: ${Object.entries(report.recovered).map(([t, n]) => `${t} ${n}`).join(', ')} (${total} rows).`);
    } else {
      say('Nothing could be read from the damaged file: started with an empty database.');
    }
    if (report.after.state !== 'ok') throw new CliError(`the new database at ${file} does not pass its integrity check either: keep ${report.keptIn} and report this`);
    say(`${file} is a working database again: start Hookscope as before.`);
    return 0;
  },
});

/** the config doctor reads (--config, else the data directory's); null: a broken default config, which must not keep doctor from the database */
async function loadConfig(values: { config?: string }, dataDir: string): Promise<{ config: HookscopeConfig; path: string } | null> {
  const { loadInitialConfig } = await import('../../config/config-service');
  const path = values.config ? resolve(values.config) : join(dataDir, 'config.json');
  try {
    return { config: loadInitialConfig(path, Boolean(values.config)), path };
  } catch (error) {
    if (values.config) throw new CliError((error as Error).message);
    return null;
  }
}

/** the team database's URL when --store or the config names one; null: the embedded store */
async function teamStoreUrl(store: string | undefined, configUrl: string | null, env: Record<string, string | undefined>): Promise<string | null> {
  const { chooseStore } = await import('../../store/store-url');
  try {
    const choice = chooseStore(store, store ? null : configUrl, env);
    return choice.engine === 'postgres' ? choice.url : null;
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}
