/** Reads and validates a config file; every failure is one clear line naming the file and field. */
import { readFileSync } from 'node:fs';
import { HookscopeError } from '../../../shared/result';
import { parseConfig, type ConfigIssue, type HookscopeConfig } from '../../../shared/config';
import { JsoncSyntaxError, parseJsonc } from './jsonc';

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
  return validateConfig(parseConfigText(text, path), path);
}

/** The file's text as JSONC; a syntax error names the file, line and column (never the text there). */
export function parseConfigText(text: string, path: string): unknown {
  try {
    return parseJsonc(text);
  } catch (error) {
    if (!(error instanceof JsoncSyntaxError)) throw error;
    throw new ConfigError(`Config file ${path} is not valid JSON: ${error.message}. Fix it there (comments and trailing commas are allowed)`);
  }
}
