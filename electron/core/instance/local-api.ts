/**
 * A running core's loopback API (the HTTP transport of the local API, docs/api.md) and its
 * <data-dir>/instance.json, through which CLI commands and the MCP server find it. One path for
 * `serve`, web mode and the desktop app: whichever runs, `hookscope tail`/`send`/`mcp` reach it.
 */
import { randomBytes } from 'node:crypto';
import { createDispatcher } from '../api/dispatch';
import { createApiServer } from '../api/http-transport';
import type { Core } from '../create-core';
import type { Log } from '../logger';
import { findInstance } from './find-instance';
import { removeInstanceFile, writeInstanceFile } from './instance-file';

export interface LocalApiOptions {
  core: Core;
  dataDir: string;
  log: Log;
  /** the API's bearer token (default: random) */
  token?: string;
  /** default 0: any free port */
  port?: number;
  /** bind address (default 127.0.0.1) */
  host?: string;
  /** the built UI served beside the API (web mode); null: the API only (the desktop app) */
  staticRoot: string | null;
  /** team mode: origins the team opens the server at */
  publicOrigins?: string[];
  /** write <dataDir>/instance.json (default true); removed again by close() and at process exit */
  instanceFile?: boolean;
}

export interface LocalApi {
  /** origin, e.g. http://127.0.0.1:5123 */
  url: string;
  token: string;
  close(): Promise<void>;
}

/** Two processes on one database would each run their own outbox and idempotency: refuse the second. */
export async function refuseSecondInstance(dataDir: string): Promise<void> {
  const running = await findInstance(dataDir);
  if (running.ok && running.info.pid !== process.pid) {
    throw new Error(`Hookscope is already running on ${dataDir} (pid ${running.info.pid}, UI ${running.info.ui}): stop it, or choose another --data-dir`);
  }
}

export async function startLocalApi(opts: LocalApiOptions): Promise<LocalApi> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const dispatch = createDispatcher(opts.core.api, (method, error) => opts.log('error', `${method} failed: ${error.name}: ${error.message}`));
  const server = createApiServer({
    dispatch,
    events: opts.core.events,
    token,
    people: opts.core.people ?? undefined,
    staticRoot: opts.staticRoot,
    host: opts.host ?? '127.0.0.1',
    publicOrigins: opts.publicOrigins ?? [],
  });
  await server.listen(opts.port ?? 0);
  const writeInstance = opts.instanceFile ?? true;
  const removeInstance = () => removeInstanceFile(opts.dataDir);
  if (writeInstance) {
    writeInstanceFile(opts.dataDir, { pid: process.pid, ui: server.url(), token, receiver: opts.core.receiverUrl });
    process.once('exit', removeInstance);
  }
  let closed: Promise<void> | null = null;
  return {
    url: server.url(),
    token,
    close() {
      closed ??= (async () => {
        if (writeInstance) {
          process.removeListener('exit', removeInstance);
          removeInstance();
        }
        await server.close();
      })();
      return closed;
    },
  };
}
