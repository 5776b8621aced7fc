/**
 * getStatus on a team server (`hookscope serve --store postgres://…`, a real embedded PostgreSQL): the
 * server's file paths (data directory, log file) are admin information. A viewer and a member get null;
 * an admin and the instance's own startup token get them; a local single-user instance still does.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { StatusValue } from '../../../../../shared/api';
import { createTokenAdmin } from '../../../../../electron/core/api/team-token-admin';
import { apiResult, startChildServe, type ChildServe } from '../../../../helpers/child-serve';
import { startTestPostgres, type TestPostgres } from '../../../../helpers/postgres';

async function status(ui: string, token?: string): Promise<StatusValue> {
  const r = await apiResult<StatusValue>(ui, 'getStatus', {}, token);
  if (!r.ok) throw new Error(`getStatus: ${r.error.message}`);
  return r.value;
}

describe('getStatus names the server’s paths to admins only', () => {
  let server: TestPostgres;
  let root: string;
  const children: ChildServe[] = [];

  before(async () => {
    server = await startTestPostgres();
    root = mkdtempSync(join(tmpdir(), 'hookscope-status-paths-'));
    writeFileSync(join(root, 'config.json'), JSON.stringify({ sources: [{ id: 'gh', provider: 'github', secrets: ['env:GH_SECRET'] }] }));
  });
  after(async () => {
    for (const c of children) {
      if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGTERM');
      await Promise.race([c.exited, new Promise((res) => setTimeout(res, 15_000))]);
    }
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('team server: viewer and member get null paths; admin and the startup token get them', async () => {
    const url = await server.createDatabase();
    const dataDir = join(root, 'team');
    const team = await startChildServe(['--store', url, '--data-dir', dataDir, '--config', join(root, 'config.json')], {
      HOOKSCOPE_DATA_KEY: randomBytes(32).toString('base64'),
      GH_SECRET: 'ghsecret_StatusPaths_1d2c',
      HOOKSCOPE_CLI: 'src',
    });
    children.push(team);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const admin = createTokenAdmin(pool);
    const viewer = await admin.create('vera', 'viewer');
    const member = await admin.create('max', 'member');
    const boss = await admin.create('ada', 'admin');
    await pool.end();

    for (const [who, token] of [['viewer', viewer.token], ['member', member.token]] as const) {
      const s = await status(team.ui, token);
      assert.equal(s.dataDir, null, `a ${who} gets no data directory`);
      assert.equal(s.logFile ?? null, null, `a ${who} gets no log file`);
      assert.ok(!JSON.stringify(s).includes(dataDir), `no field of a ${who}'s answer names the data directory`);
      assert.equal(s.sources[0]?.id, 'gh', `a ${who} still reads the rest of the status`);
    }
    assert.equal((await status(team.ui, boss.token)).dataDir, dataDir, 'an admin gets the data directory');
    assert.equal((await status(team.ui)).dataDir, dataDir, "the replica's own startup token gets it");
  });

  it('a local single-user instance still reports its data directory', async () => {
    const dataDir = join(root, 'local');
    const local = await startChildServe(['--data-dir', dataDir], { HOOKSCOPE_CLI: 'src' });
    children.push(local);
    assert.equal((await status(local.ui)).dataDir, dataDir);
  });
});
