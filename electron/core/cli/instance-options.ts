/**
 * The flags of every command that talks to a running instance, and how they find it: --ui URL --token T
 * directly, else <data-dir>/instance.json (default data dir as `serve`).
 */
import { resolve } from 'node:path';
import { findInstance } from '../instance/find-instance';
import { defaultDataDir } from '../data-dir';
import { type ApiConnection, createApiClient } from './api-client';
import type { OptionSpecs } from './command';
import { CliError, UsageError } from './errors';
import { httpUrlValue } from './flag-values';

export const INSTANCE_OPTIONS = {
  'data-dir': { type: 'string', value: 'DIR', description: 'find the running Hookscope through DIR/instance.json (default ~/.hookscope)' },
  ui: { type: 'string', value: 'URL', description: 'the running Hookscope\'s UI/API address (with --token), instead of --data-dir' },
  token: { type: 'string', value: 'TOKEN', description: 'its UI/API token (with --ui)' },
} satisfies OptionSpecs;

export interface InstanceFlags {
  'data-dir'?: string;
  ui?: string;
  token?: string;
}

export interface ConnectedInstance extends ApiConnection {
  ui: string;
}

export async function connectInstance(values: InstanceFlags, env: NodeJS.ProcessEnv): Promise<ConnectedInstance> {
  if (values.ui !== undefined || values.token !== undefined) {
    if (values.ui === undefined) throw new UsageError('--token needs --ui URL too (or leave both out and use --data-dir)');
    if (values.token === undefined) throw new UsageError('--ui needs --token T too (or leave both out and use --data-dir)');
    if (values['data-dir'] !== undefined) throw new UsageError('--data-dir and --ui/--token both name an instance: give one of them');
    const origin = new URL(httpUrlValue('--ui', values.ui)).origin;
    return { ui: origin, ...createApiClient(origin, values.token) };
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir(env));
  const found = await findInstance(dataDir);
  if (!found.ok) throw new CliError(`${found.reason}: start one with \`hookscope serve --data-dir ${dataDir}\`, or pass --ui URL --token T`);
  return { ui: found.info.ui, ...createApiClient(found.info.ui, found.info.token) };
}
