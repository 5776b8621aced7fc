/** `hookscope doctor`: checks the data directory's database and repairs a damaged one (store/sqlite/doctor.ts). */
import { join, resolve } from 'node:path';
import { defaultDataDir } from '../../data-dir';
import { defineCommand } from '../command';
import { CliError } from '../errors';

export const doctorCommand = defineCommand({
  name: 'doctor',
  summary: 'Check the database of a data directory; repair a damaged one, keeping the damaged file.',
  positionals: [],
  options: {
    'data-dir': { type: 'string', value: 'DIR', description: 'the data directory (default ~/.hookscope)' },
    check: { type: 'boolean', description: 'only check: exit 1 when the database is damaged or locked, change nothing' },
  },
  details:
    'A damaged database is moved (never deleted) into DIR/damaged-<time>/, what can be read is recovered\n' +
    "(SQLite's .recover when the sqlite3 program is installed, else a table-by-table salvage) into a fresh\n" +
    'database, and Hookscope starts again. Stop Hookscope first: a locked database is only reported.\n' +
    'Exit codes: 0 healthy or repaired, 1 damaged (with --check), locked, or the repair failed.',
  async run({ values, io }) {
    const { checkDatabase, repairDatabase } = await import('../../store/sqlite/doctor');
    const { DATABASE_FILE_NAME } = await import('../../store/data-key');
    const dataDir = resolve(values['data-dir'] ?? defaultDataDir(io.env));
    const file = join(dataDir, DATABASE_FILE_NAME);
    const say = (line: string) => io.stdout.write(`${line}\n`);
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
