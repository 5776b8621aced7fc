/** --log-format and --log-level, for every command that runs a Hookscope core (serve, listen). */
import type { Log } from '../logger';
import { LOG_FORMATS, LOG_LEVELS } from '../logging/levels';
import type { OptionSpecs } from './command';
import { oneOf } from './flag-values';

export const LOG_OPTIONS = {
  'log-format': { type: 'string', value: 'FORMAT', description: `log lines on stderr as ${LOG_FORMATS.join(' or ')} (default: pretty on a terminal, else json)` },
  'log-level': { type: 'string', value: 'LEVEL', description: `least severe level logged: ${LOG_LEVELS.join(', ')} (default info)` },
} satisfies OptionSpecs;

export async function loggerFromFlags(values: { 'log-format'?: string; 'log-level'?: string }, env: NodeJS.ProcessEnv): Promise<Log> {
  const format = values['log-format'] === undefined ? undefined : oneOf('--log-format', values['log-format'], LOG_FORMATS);
  const level = values['log-level'] === undefined ? undefined : oneOf('--log-level', values['log-level'], LOG_LEVELS);
  // loaded when a command runs, not for --help
  const { createLogger } = await import('../logger');
  return createLogger({ format, level, env });
}
