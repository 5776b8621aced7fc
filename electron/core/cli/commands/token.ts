/** `hookscope token`: per-person API tokens for a team workspace on PostgreSQL (docs/team.md). */
import { join, resolve } from 'node:path';
import { defineCommand } from '../command';
import { CliError, UsageError } from '../errors';
import { oneOf } from '../flag-values';

const ACTIONS = ['create', 'list', 'revoke'] as const;
const ROLE_NAMES = ['viewer', 'member', 'admin'] as const;

export const tokenCommand = defineCommand({
  name: 'token',
  summary: 'Team mode: create, list or revoke per-person API tokens (viewer, member, admin).',
  positionals: [{ name: 'action', required: true, description: 'create | list | revoke' }],
  options: {
    name: { type: 'string', value: 'NAME', description: "the person (the audit log shows it); create and revoke" },
    role: { type: 'string', value: 'ROLE', description: 'viewer (reads), member (also replays and sends), admin (also config and secrets)' },
    store: { type: 'string', value: 'URL', description: "the team's PostgreSQL (default: the config's store.url)" },
    config: { type: 'string', value: 'FILE', description: 'the configuration whose store.url names the database' },
    'data-dir': { type: 'string', value: 'DIR', description: 'where the default config.json lives (default ~/.hookscope)' },
  },
  details: 'Example:  hookscope token create --name alice --role member --store postgres://…\nThe token is printed once; only a hash of it is stored.',
  async run({ values, positionals, io }) {
    const action = oneOf('action', positionals[0] ?? '', ACTIONS);
    if (action !== 'list' && !values.name) throw new UsageError(`token ${action} needs --name NAME`);
    const role = action === 'create' ? oneOf('--role', values.role ?? '', ROLE_NAMES) : null;
    // the core's modules load only when the command runs
    const { defaultDataDir } = await import('../../data-dir');
    const { loadInitialConfig } = await import('../../config/config-service');
    const { chooseStore } = await import('../../store/store-url');
    const { connectPg } = await import('../../store/postgres/pool');
    const { migratePostgres } = await import('../../store/postgres/migrate');
    const { createTokenAdmin } = await import('../../api/team-token-admin');
    let pool;
    try {
      const configPath = values.config ? resolve(values.config) : join(values['data-dir'] ?? defaultDataDir(io.env), 'config.json');
      const config = loadInitialConfig(configPath, Boolean(values.config));
      const store = chooseStore(values.store, config.store.url, io.env);
      if (store.engine !== 'postgres') {
        throw new UsageError('token: API tokens are for a team workspace on PostgreSQL: pass --store postgres://… or a --config whose store.url names it');
      }
      pool = await connectPg(store.url, { max: 2, applicationName: 'hookscope-token' });
      await migratePostgres(pool);
      const admin = createTokenAdmin(pool);
      if (action === 'create') {
        const made = await admin.create(values.name!, role!);
        io.stdout.write(`${made.token}\n`);
        io.stderr.write(`Token for ${made.name} (${made.role}) created: it is shown only this once. Revoke with: hookscope token revoke --name ${JSON.stringify(made.name)}\n`);
      } else if (action === 'list') {
        for (const t of await admin.list()) io.stdout.write(`${t.name}\t${t.role}\t${t.createdAt}\n`);
      } else if (!(await admin.revoke(values.name!))) {
        throw new CliError(`No active token named ${JSON.stringify(values.name)}: see hookscope token list`);
      }
      return 0;
    } catch (error) {
      if (error instanceof UsageError || error instanceof CliError) throw error;
      throw new CliError((error as Error).message);
    } finally {
      await pool?.end();
    }
  },
});
