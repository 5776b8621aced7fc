/** `hookscope serve`: the headless mode (CI, servers, tests). */
import { parseServeArgs, USAGE, UsageError } from './cli-args';
import { createLogger } from './logger';
import { startServe } from './serve';
import { readVersion } from './version';

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseServeArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`hookscope: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (args.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.command === 'version') {
    process.stdout.write(`${readVersion()}\n`);
    return 0;
  }
  const log = createLogger();
  let running;
  try {
    running = await startServe({
      dataDir: args.dataDir ?? undefined,
      configPath: args.config ?? undefined,
      receiverPort: args.receiverPort ?? undefined,
      receiverHost: args.receiverHost ?? undefined,
      uiPort: args.uiPort,
      uiToken: args.uiToken ?? undefined,
      tunnel: args.tunnel ?? undefined,
      log,
    });
  } catch (error) {
    process.stderr.write(`hookscope: ${(error as Error).message}\n`);
    return 1;
  }
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ receiver: running.receiverUrl, ui: running.uiUrl, tunnel: running.tunnelUrl })}\n`);
  } else {
    process.stdout.write(
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
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log('info', `${signal}: finishing in-flight requests and closing the database`);
      running.stop().then(
        () => resolve(0),
        (error: Error) => {
          process.stderr.write(`hookscope: shutdown failed: ${error.message}\n`);
          resolve(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
