/** Starts the real core + loopback API in-process on free ports with a temp data dir. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiMethod, ApiArgs, ApiValue } from '../../shared/api';
import { startServe, type RunningServe } from '../../electron/core/serve';

export interface Fixture {
  serve: RunningServe;
  dataDir: string;
  receiver: string;
  api<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiValue<M>>;
  rawApi(method: string, args: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; details?: unknown } }>;
  close(): Promise<void>;
}

export async function startFixture(config: unknown, env: Record<string, string> = {}): Promise<Fixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hookscope-it-'));
  const configPath = join(dataDir, 'hookscope.config.json');
  writeFileSync(configPath, JSON.stringify(config));
  const serve = await startServe({
    dataDir,
    configPath,
    receiverPort: 0,
    uiPort: 0,
    tunnel: false,
    tunnelMode: 'off',
    staticRoot: null,
    env: { ...process.env, HOOKSCOPE_DATA_KEY: Buffer.alloc(32, 3).toString('base64'), ...env },
    log: () => undefined,
  });
  const ui = new URL(serve.uiUrl);
  const token = ui.searchParams.get('token') ?? '';
  const rawApi = async (method: string, args: unknown) => {
    const res = await fetch(`${ui.origin}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  };
  return {
    serve,
    dataDir,
    receiver: serve.receiverUrl,
    rawApi,
    async api(method, args) {
      const r = await rawApi(method, args);
      if (!r.ok) throw new Error(`${method}: ${r.error?.code}: ${r.error?.message}`);
      return r.value as never;
    },
    async close() {
      await serve.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Sent {
  status: number;
  body: string;
  deliveryId: string | null;
  headers: Headers;
}

export async function send(url: string, init: { method?: string; headers?: Array<[string, string]> | Record<string, string>; body?: Uint8Array | string }): Promise<Sent> {
  const res = await fetch(url, { method: init.method ?? 'POST', headers: init.headers, body: init.body as RequestInit['body'] });
  return { status: res.status, body: await res.text(), deliveryId: res.headers.get('x-hookscope-delivery-id'), headers: res.headers };
}
