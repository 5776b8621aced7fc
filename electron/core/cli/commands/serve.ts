/** `hookscope serve`: the headless mode (CI, servers, tests) (docs/architecture.md "Run modes"). */
import { readVersion } from '../../version';
import { defineCommand } from '../command';
import { CliError, UsageError } from '../errors';
import { LOG_OPTIONS, loggerFromFlags } from '../log-options';
import { START_OPTIONS, startInstance } from '../start-instance';

export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'Run Hookscope headless: the receiver, the local UI/API and (optionally) the tunnel.',
  positionals: [],
  options: {
    ...START_OPTIONS,
    'receiver-host': { type: 'string', value: 'HOST', description: 'receiver bind address (default from config, 127.0.0.1)' },
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
    const log = await loggerFromFlags(values, io.env);
    const running = await startInstance(values, { env: io.env, log, tunnel: values.tunnel, receiverHost: values['receiver-host'], uiToken });
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
