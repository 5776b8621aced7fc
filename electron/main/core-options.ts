/**
 * The desktop app's core options from the environment (all optional):
 *   HOOKSCOPE_DATA_DIR       data directory (default: Electron's userData)
 *   HOOKSCOPE_CONFIG         config file (default: <data dir>/config.json)
 *   HOOKSCOPE_RECEIVER_PORT  webhook receiver port (default: the config's receiver.port)
 *   HOOKSCOPE_TUNNEL=1|0         force the tunnel on/off at start (default: the config's tunnel.enabled)
 *   HOOKSCOPE_TUNNEL_PROVIDER=fake  the fake tunnel provider (tests), as in headless mode
 */
import type { Keystore } from './keystore';

export interface DesktopCoreOptions {
  dataDir: string;
  configPath: string | null;
  receiverPort?: number;
  tunnel: 'real' | 'fake';
  tunnelEnabled?: boolean;
  keystore?: Keystore;
}

export function desktopDataDir(env: NodeJS.ProcessEnv, userData: string): string {
  return env.HOOKSCOPE_DATA_DIR || userData;
}

export function desktopCoreOptions(env: NodeJS.ProcessEnv, dataDir: string, keystore: Keystore | null): DesktopCoreOptions {
  const opts: DesktopCoreOptions = {
    dataDir,
    configPath: env.HOOKSCOPE_CONFIG || null,
    tunnel: env.HOOKSCOPE_TUNNEL_PROVIDER === 'fake' ? 'fake' : 'real',
  };
  const port = env.HOOKSCOPE_RECEIVER_PORT;
  if (port !== undefined && port !== '') {
    const n = Number(port);
    if (!Number.isInteger(n) || n < 0 || n > 65535) {
      throw new Error(`HOOKSCOPE_RECEIVER_PORT must be a port number between 0 and 65535 (0 = any free port), not "${port}".`);
    }
    opts.receiverPort = n;
  }
  if (env.HOOKSCOPE_TUNNEL === '1') opts.tunnelEnabled = true;
  else if (env.HOOKSCOPE_TUNNEL === '0') opts.tunnelEnabled = false;
  if (keystore) opts.keystore = keystore;
  return opts;
}
