/**
 * The one argument parser of every command: node's util.parseArgs (strict), with its errors rewritten as
 * one line that names the flag and points at --help.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Command, OptionSpecs } from './command';
import { UsageError } from './errors';
import { GLOBAL_OPTIONS } from './global-options';

export interface ParsedCommandLine {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  help: boolean;
}

export function allOptions(command: Command): OptionSpecs {
  return { ...command.options, ...GLOBAL_OPTIONS };
}

function flagIn(message: string): string | null {
  return /'(-{1,2}[^\s'=]+)/.exec(message)?.[1] ?? null;
}

function rewrite(command: Command, error: Error & { code?: string }): UsageError {
  const flag = flagIn(error.message);
  const see = `see \`hookscope ${command.name} --help\``;
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`Unknown option ${JSON.stringify(flag ?? '?')}: ${see}`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(error.message)) return new UsageError(`${flag} takes no value: ${see}`);
      return new UsageError(`${flag} needs a value (write ${flag}=VALUE for a value that starts with "-"): ${see}`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(`Unexpected argument ${JSON.stringify(/'([^']*)'/.exec(error.message)?.[1] ?? '?')}: ${see}`);
    default:
      return new UsageError(`${error.message}: ${see}`);
  }
}

export function parseCommandLine(command: Command, argv: string[]): ParsedCommandLine {
  const specs = allOptions(command);
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true, allowNegative: true });
  } catch (error) {
    throw rewrite(command, error as Error & { code?: string });
  }
  const values = { ...parsed.values } as ParsedCommandLine['values'];
  for (const name of Object.keys(values)) {
    // allowNegative accepts --no-<flag> for every boolean: only the ones declared negatable mean something
    if (values[name] === false && !specs[name]?.negatable) throw new UsageError(`Unknown option "--no-${name}": see \`hookscope ${command.name} --help\``);
  }
  const help = values.help === true;
  delete values.help;
  if (!help) {
    const max = command.positionals.length;
    if (parsed.positionals.length > max) {
      throw new UsageError(`Unexpected argument ${JSON.stringify(parsed.positionals[max])}: see \`hookscope ${command.name} --help\``);
    }
    const missing = command.positionals.find((p, i) => p.required && parsed.positionals[i] === undefined);
    if (missing) throw new UsageError(`Missing <${missing.name}>: ${missing.description} (see \`hookscope ${command.name} --help\`)`);
  }
  return { values, positionals: parsed.positionals, help };
}
