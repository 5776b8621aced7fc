/**
 * The CLI entry: `hookscope <command> [options]`. Picks the command, parses its flags with the one
 * parser, prints --help, and turns every failure into one line on stderr and a non-zero exit
 * (2 for a usage mistake, 1 for a failure while running).
 */
import { readVersion } from '../version';
import type { Command, CommandInput, CommandIo, OptionSpecs } from './command';
import { COMMANDS } from './commands/index';
import { CliError, UsageError } from './errors';
import { commandHelp, mainHelp } from './help';
import { parseCommandLine } from './parse-args';

function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string) => () => {
      process.removeListener('SIGINT', onInt);
      process.removeListener('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = on('SIGINT');
    const onTerm = on('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}

function defaultIo(): CommandIo {
  let signal: Promise<string> | null = null;
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    // installed on first use, so short commands keep Ctrl-C's default behaviour
    get stopSignal() {
      signal ??= stopSignal();
      return signal;
    },
  };
}

function findCommand(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    throw new UsageError(`Unknown command ${JSON.stringify(name)}: the commands are ${COMMANDS.map((c) => c.name).join(', ')} (see \`hookscope --help\`)`);
  }
  return command;
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

export async function main(argv: string[], io: CommandIo = defaultIo()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    io.stdout.write(`${mainHelp(COMMANDS)}\n`);
    return 0;
  }
  if (first === '-v' || first === '--version') {
    io.stdout.write(`${readVersion()}\n`);
    return 0;
  }
  try {
    const command = findCommand(first);
    const parsed = parseCommandLine(command, rest);
    if (parsed.help) {
      io.stdout.write(`${commandHelp(command)}\n`);
      return 0;
    }
    return await command.run({ values: parsed.values as CommandInput<OptionSpecs>['values'], positionals: parsed.positionals, io });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`hookscope: ${oneLine(error.message)}\n`);
      return 2;
    }
    if (error instanceof CliError) {
      io.stderr.write(`hookscope: ${oneLine(error.message)}\n`);
      return error.exitCode;
    }
    io.stderr.write(`hookscope: unexpected error: ${oneLine((error as Error)?.message ?? String(error))}\n`);
    return 1;
  }
}
