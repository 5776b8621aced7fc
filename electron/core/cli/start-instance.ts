/** The flags and start-up shared by the commands that run Hookscope themselves (serve, listen). */
import type { Log } from '../logger';
import type { RunningServe } from '../serve';
import type { OptionSpecs } from './command';
import { CliError } from './errors';
import { portValue } from './flag-values';

export const START_OPTIONS = {
  config: { type: 'string', value: 'FILE', description: 'load the configuration from FILE (JSON; see README)' },
  'data-dir': { type: 'string', value: 'DIR', description: 'where the database and key live (default ~/.hookscope)' },
  store: { type: 'string', value: 'URL', description: "team mode: the PostgreSQL database (postgres://…; default: the config's store.url, else embedded SQLite)" },
  'receiver-port': { type: 'string', value: 'N', description: 'webhook receiver port (default from config, 8787; 0 = any free port)' },
  'ui-port': { type: 'string', value: 'N', description: 'local UI/API port (default 0 = any free port)' },
} satisfies OptionSpecs;

export interface StartFlags {
  config?: string;
  'data-dir'?: string;
  store?: string;
  'receiver-port'?: string;
  'ui-port'?: string;
}

export async function startInstance(
  values: StartFlags,
  opts: { env: NodeJS.ProcessEnv; log: Log; tunnel?: boolean; receiverHost?: string; uiToken?: string },
): Promise<RunningServe> {
  const receiverPort = values['receiver-port'] === undefined ? undefined : portValue('--receiver-port', values['receiver-port']);
  const uiPort = values['ui-port'] === undefined ? 0 : portValue('--ui-port', values['ui-port']);
  // imported when a command runs, so `hookscope --help` and the other commands never load the core
  const { startServe } = await import('../serve');
  try {
    return await startServe({
      dataDir: values['data-dir'],
      configPath: values.config,
      storeUrl: values.store,
      receiverPort,
      receiverHost: opts.receiverHost,
      uiPort,
      uiToken: opts.uiToken,
      tunnel: opts.tunnel,
      env: opts.env,
      log: opts.log,
    });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}
