/** `hookscope serve`: the headless mode (CI, servers, tests) (docs/architecture.md "Run modes"). */
import { readVersion } from '../../version';
import { defineCommand } from '../command';
import { CliError, UsageError } from '../errors';
import { portValue } from '../flag-values';
import { LOG_OPTIONS, loggerFromFlags } from '../log-options';

export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'Run Hookscope headless: the receiver, the local UI/API and (optionally) the tunnel.',
  positionals: [],
  options: {
    config: { type: 'string', value: 'FILE', description: 'load the configuration from FILE (JSON; see README)' },
    'data-dir': { type: 'string', value: 'DIR', description: 'where the database and key live (default ~/.hookscope)' },
    store: { type: 'string', value: 'URL', description: "team mode: the PostgreSQL database (postgres://…; default: the config's store.url, else embedded SQLite)" },
    'receiver-port': { type: 'string', value: 'N', description: 'webhook receiver port (default from config, 8787; 0 = any free port)' },
    'receiver-host': { type: 'string', value: 'HOST', description: 'receiver bind address (default from config, 127.0.0.1)' },
    'ui-port': { type: 'string', value: 'N', description: 'local UI/API port (default 0 = any free port)' },
    'ui-token': { type: 'string', value: 'TOKEN', description: 'token for the UI/API (default: random)' },
    tunnel: { type: 'boolean', negatable: true, description: 'open (or not) the public ngrok tunnel (default from config)' },
    json: { type: 'boolean', description: 'print one JSON line first: {"receiver","ui","tunnel"}' },
    ...LOG_OPTIONS,
  },
  async run({ values, io }) {
    const uiToken = values['ui-token'];
    if (uiToken !== undefined && !/^[A-Za-z0-9._~-]{16,200}$/.test(uiToken)) {
      throw new UsageError('--ui-token must be 16–200 characters of A-Z a-z 0-9 . _ ~ -');
    }
    const receiverPort = values['receiver-port'] === undefined ? undefined : portValue('--receiver-port', values['receiver-port']);
    const uiPort = values['ui-port'] === undefined ? 0 : portValue('--ui-port', values['ui-port']);
    const log = await loggerFromFlags(values, io.env);
    // imported when the command runs, so `hookscope --help` and the other commands never load the core
    const { startServe } = await import('../../serve');
    let running;
    try {
      running = await startServe({
        dataDir: values['data-dir'],
        configPath: values.config,
        storeUrl: values.store,
        receiverPort,
        receiverHost: values['receiver-host'],
        uiPort,
        uiToken,
        tunnel: values.tunnel,
        env: io.env,
        log,
      });
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ receiver: running.receiverUrl, ui: running.uiUrl, tunnel: running.tunnelUrl })}\n`);
    } else {
      io.stdout.write(
        [
          `Hookscope ${readVersion()}`,
          `  receiver  ${running.receiverUrl}/hooks/<source-id>`,
          `  tunnel    ${running.tunnelUrl ?? 'off'}`,
          `  UI        ${running.uiUrl}`,
          'Press Ctrl-C to stop.',
          '',
        ].join('\n'),
      );
    }
    const signal = await io.stopSignal;
    log('info', `${signal}: finishing in-flight requests and closing the database`);
    try {
      await running.stop();
    } catch (error) {
      throw new CliError(`shutdown failed: ${(error as Error).message}`);
    }
    return 0;
  },
});
