/** Reads and validates a config file; every failure is one clear line naming the file and field. */
import { readFileSync } from 'node:fs';
import { HookscopeError } from '../../../shared/result';
import { parseConfig, type ConfigIssue, type HookscopeConfig } from '../../../shared/config';
import { parseJsonc } from './jsonc';

export class ConfigError extends HookscopeError {
  constructor(message: string, readonly issues: ConfigIssue[] = []) {
    super('invalid_config', message, issues);
    this.name = 'ConfigError';
  }
}

export function formatIssues(issues: ConfigIssue[]): string {
  return issues.map((i) => `${i.field}: ${i.message}`).join('; ');
}

export function validateConfig(input: unknown, where: string): HookscopeConfig {
  const parsed = parseConfig(input);
  if (!parsed.ok) throw new ConfigError(`Invalid config (${where}): ${formatIssues(parsed.issues)}`, parsed.issues);
  return parsed.config;
}

export function loadConfigFile(path: string): HookscopeConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : 'cannot be read';
    throw new ConfigError(`Cannot read config file ${path}: ${why}. Pass --config with a readable JSON file.`);
  }
  let json: unknown;
  try {
    json = parseJsonc(text);
  } catch (error) {
    // V8's message quotes the text around the error, which may be a secret: keep only the position.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const where = position === undefined ? '' : ` near line ${text.slice(0, Number(position)).split('\n').length}`;
    throw new ConfigError(`Config file ${path} is not valid JSON${where}: check commas, quotes and brackets`);
  }
  return validateConfig(json, path);
}
