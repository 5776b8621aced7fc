/** Web and headless mode: the core plus the loopback UI/API server. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core, type CoreOptions } from './create-core';
import { defaultDataDir } from './data-dir';
import { createLogger, type Log } from './logger';
import { refuseSecondInstance, startLocalApi, type LocalApi } from './instance/local-api';
import type { TunnelMode } from './tunnel/create-tunnel';

export interface ServeOptions {
  dataDir?: string;
  configPath?: string;
  /** `--store postgres://…` (team mode) */
  storeUrl?: string;
  receiverPort?: number;
  receiverHost?: string;
  uiPort?: number;
  uiToken?: string;
  /** UI/API bind address (default HOOKSCOPE_UI_HOST, else 127.0.0.1); a team server in a container: 0.0.0.0 */
  uiHost?: string;
  /** the address the team opens (default HOOKSCOPE_PUBLIC_URL): its Host and Origin are accepted by the API */
  publicUrl?: string;
  /** force the tunnel on/off; default: the config's tunnel.enabled */
  tunnel?: boolean;
  tunnelMode?: TunnelMode;
  staticRoot?: string | null;
  log?: Log;
  env?: NodeJS.ProcessEnv;
  keystore?: CoreOptions['keystore'];
  /** write <dataDir>/instance.json so CLI commands find this instance (default true) */
  instanceFile?: boolean;
}

export interface RunningServe {
  receiverUrl: string;
  uiUrl: string;
  tunnelUrl: string | null;
  core: Core;
  stop(): Promise<void>;
}

/**
 * The package's own built UI: this module sits two levels below the package root as source
 * (electron/core/serve.ts) and in each bundle (dist/cli-chunks/, dist/electron/). Never a dist/
 * of the current directory, which may be another project's.
 */
function findRendererDir(): string | null {
  const dir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

function checkPublicUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.origin;
  } catch {
    // reported below
  }
  throw new Error('HOOKSCOPE_PUBLIC_URL must be the http(s) address your team opens, e.g. https://hookscope.example.com');
}

export async function startServe(opts: ServeOptions = {}): Promise<RunningServe> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? createLogger();
  const tunnelMode: TunnelMode = opts.tunnelMode ?? (env.HOOKSCOPE_TUNNEL_PROVIDER === 'fake' ? 'fake' : 'real');
  const dataDir = resolve(opts.dataDir ?? defaultDataDir(env));
  const writeInstance = opts.instanceFile ?? true;
  if (writeInstance) await refuseSecondInstance(dataDir);
  const core = await createCore({
    dataDir,
    configPath: opts.configPath ? resolve(opts.configPath) : null,
    storeUrl: opts.storeUrl,
    receiverPort: opts.receiverPort,
    receiverHost: opts.receiverHost,
    tunnel: tunnelMode,
    tunnelEnabled: opts.tunnel,
    keystore: opts.keystore,
    env,
    log,
  });
  const publicUrl = opts.publicUrl ?? env.HOOKSCOPE_PUBLIC_URL;
  let api: LocalApi;
  try {
    await core.tunnelReady;
    api = await startLocalApi({
      core,
      dataDir,
      log,
      token: opts.uiToken,
      port: opts.uiPort,
      host: opts.uiHost ?? env.HOOKSCOPE_UI_HOST ?? '127.0.0.1',
      staticRoot: opts.staticRoot === undefined ? findRendererDir() : opts.staticRoot,
      publicOrigins: publicUrl ? [checkPublicUrl(publicUrl)] : [],
      instanceFile: writeInstance,
    });
  } catch (error) {
    await core.dispose();
    throw error;
  }
  const tunnel = core.tunnelStatus();
  let stopped: Promise<void> | null = null;
  return {
    receiverUrl: core.receiverUrl,
    uiUrl: `${api.url}/?token=${api.token}`,
    tunnelUrl: tunnel.state === 'online' ? tunnel.url : null,
    core,
    stop() {
      stopped ??= (async () => {
        await api.close();
        await core.dispose();
      })();
      return stopped;
    },
  };
}
