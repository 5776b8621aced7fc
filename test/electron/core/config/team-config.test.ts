/**
 * The team's shared config on a real PostgreSQL (config/team-config.ts): the first replica seeds it
 * from its file with literal secrets sealed; a change is saved and the other replica applies it; a
 * save the database refuses is an error for the caller and puts the replica back on the database's copy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../../../../electron/core/config/load-config';
import { createConfigService, type ConfigService } from '../../../../electron/core/config/config-service';
import { openTeamConfig } from '../../../../electron/core/config/team-config';
import { createPostgresAdapter, type PostgresAdapter } from '../../../../electron/core/store/postgres/adapter';
import { teamKeyRing } from '../../../../electron/core/store/postgres/shared-key';
import { createPgTeamConfig } from '../../../../electron/core/store/postgres/team-config-table';
import { useTestPostgres } from '../../../helpers/postgres';

const server = useTestPostgres();
const LITERAL = 'whsec_LiteralInAReplicaFile_91c2';
const ring = teamKeyRing({ HOOKSCOPE_DATA_KEY: Buffer.alloc(32, 9).toString('base64') });
const clock = { now: () => Date.now() };

async function replica(url: string, dir: string, file: unknown): Promise<{ adapter: PostgresAdapter; config: ConfigService; stop(): Promise<void> }> {
  const adapter = await createPostgresAdapter({ url, clock, poolMax: 2, markDuplicate: (c) => c });
  const team = await openTeamConfig({ ...createPgTeamConfig(adapter.pool), onChanged: (l) => adapter.onConfigChanged(l) }, validateConfig(file, 'test'), ring, clock);
  const config = createConfigService(team.initial, {
    path: join(dir, 'unused.json'),
    required: false,
    env: {},
    clock,
    audit: () => undefined,
    fingerprint: (v) => ring.fingerprint(v),
    persist: (next) => team.persist(next),
  });
  config.setSealer(ring);
  const unfollow = team.follow(config, () => undefined);
  return { adapter, config, stop: async () => (unfollow(), await adapter.close()) };
}

const sourceIds = (c: ConfigService) => c.current().sources.map((s) => s.id);

test('seeded from the first file (literal sealed), shared with the next replica, a refused save rolls back', async () => {
  const url = await server().createDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-team-config-'));
  const a = await replica(url, dir, { sources: [{ id: 'first', provider: 'github', secrets: [LITERAL] }], receiver: { port: 9101 } });
  // B's own file names other sources: the database's copy wins; its receiver stays its own
  const b = await replica(url, dir, { sources: [{ id: 'ignored', provider: 'github', secrets: [] }], receiver: { port: 9102 } });
  try {
    assert.deepEqual(sourceIds(b.config), ['first']);
    assert.equal(b.config.current().receiver.port, 9102, 'the receiver is per replica');
    assert.equal(b.config.chainSource('first')?.secrets[0].value, LITERAL, 'B opens the sealed secret with the shared key');
    const { rows } = await a.adapter.pool.query<{ config: string }>('SELECT config FROM team_config');
    assert.ok(!rows[0].config.includes(LITERAL), 'the literal from the file is sealed in the database');

    const changed = new Promise<void>((resolve) => b.config.onChange(() => resolve()));
    a.config.update({ ...a.config.view().config, sources: [...a.config.view().config.sources, { id: 'second', provider: 'github', secrets: [] }] });
    await a.config.saved();
    await changed;
    assert.deepEqual(sourceIds(b.config), ['first', 'second'], 'B applied the change saved through A');

    // the database refuses the next save: A's caller hears of it and A is back on the team's copy
    await a.adapter.pool.query(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'read only for this test'; END $$;
      CREATE TRIGGER refuse BEFORE UPDATE ON team_config FOR EACH ROW EXECUTE FUNCTION refuse();`);
    a.config.update({ ...a.config.view().config, sources: [] });
    assert.deepEqual(sourceIds(a.config), [], 'applied at once on A');
    await assert.rejects(a.config.saved(), /read only for this test/);
    assert.deepEqual(sourceIds(a.config), ['first', 'second'], "A is back on the database's copy");
    assert.deepEqual(sourceIds(b.config), ['first', 'second'], 'B never saw the refused change');
  } finally {
    await a.stop();
    await b.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
