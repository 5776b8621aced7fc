/** Checks for flag values: each failure is a UsageError that names the flag and says what is allowed. */
import { readFileSync } from 'node:fs';
import { UsageError } from './errors';

export function portValue(flag: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new UsageError(`${flag} needs a port number between 0 and 65535 (0 = any free port), got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

export function intValue(flag: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${flag} needs a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

export function httpUrlValue(flag: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag} needs a URL such as http://localhost:3000/webhooks, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${flag} needs an http:// or https:// URL, got ${JSON.stringify(value)}`);
  return url.toString();
}

export function readFileValue(flag: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : code;
    throw new UsageError(`${flag}: cannot read ${path}: ${why}`);
  }
}

/** `env:NAME` reads the variable (so a secret need not sit in the shell history); anything else is the value. */
export function secretValue(flag: string, value: string, env: NodeJS.ProcessEnv): string {
  if (value.startsWith('env:')) {
    const name = value.slice(4);
    const found = env[name];
    if (!found) throw new UsageError(`${flag} ${value}: the environment variable ${name} is not set or empty`);
    return found;
  }
  if (value === '') throw new UsageError(`${flag} must not be empty: give the secret or env:NAME`);
  return value;
}
