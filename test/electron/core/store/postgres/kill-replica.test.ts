/**
 * kill -9 of a replica loses no acknowledged delivery: a separate process appends through the
 * PostgreSQL adapter and prints what was acknowledged; it is killed mid-stream; every printed id is in
 * the database, and another replica carries on writing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createPostgresAdapter } from '../../../../../electron/core/store/postgres/adapter';
import { useTestPostgres } from '../../../../helpers/postgres';
import { entry } from '../contract/storage-contract';

const server = useTestPostgres();

test('kill -9 of a replica mid-append loses no acknowledged delivery', async () => {
  const url = await server().createDatabase();
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/electron/core/store/postgres/fixtures/append-forever.ts'], {
    env: { ...process.env, PG_URL: url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const acked: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the writer acknowledged too little within 90 s: ${stderr}`)), 90_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line === 'ready') return;
      acked.push(line);
      if (acked.length >= 300 && !child.killed) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve();
      }
    });
    void exited.then(() => reject(new Error(`the writer exited early: ${stderr}`)));
  }).catch((error) => {
    child.kill('SIGKILL');
    throw error;
  });
  await exited;

  const survivor = await createPostgresAdapter({ url, clock: { now: () => Date.now() }, poolMax: 2, markDuplicate: (c) => c });
  try {
    const stored = new Set((await survivor.journal.after(0, 100_000)).map((r) => r.id));
    const missing = acked.filter((id) => !stored.has(id));
    assert.deepEqual(missing, [], `${missing.length} of ${acked.length} acknowledged deliveries are missing`);
    // the lock the dead replica may have held went with its connection: the survivor can append
    const next = entry();
    await survivor.journal.append([next], { deadlineMs: 30_000 });
    assert.ok(await survivor.journal.get(next.id));
  } finally {
    await survivor.close();
  }
});
