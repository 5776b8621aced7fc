/**
 * Issue 13: a corrupted database stops start-up with the file, the problem and the way out; `hookscope
 * doctor` keeps the damaged file (moved, bytes unchanged), recovers what it can and leaves a working
 * data directory. Real SQLite files, real child processes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiCall, startChildServe } from '../../../helpers/child-serve';
import { blackboxEvent } from '../../../helpers/blackbox-event';

const SECRET = 'doctor-secret-0123456789abcdefghijk';
const ENV = { BB: SECRET, HOOKSCOPE_DATA_KEY: Buffer.alloc(32, 7).toString('base64') };
const DELIVERIES = 40;

function setup(): { dir: string; dataDir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-doctor-'));
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ sources: [{ id: 'blackbox', provider: 'blackbox', secrets: ['env:BB'], rateLimit: null }] }));
  return { dir, dataDir: join(dir, 'data'), config };
}

async function fill(dataDir: string, config: string): Promise<void> {
  const serve = await startChildServe(['--config', config, '--data-dir', dataDir], ENV);
  try {
    for (let i = 0; i < DELIVERIES; i++) {
      const e = blackboxEvent(SECRET, { note: `delivery ${i} ${'x'.repeat(600)}` });
      const res = await fetch(`${serve.receiver}/hooks/blackbox`, { method: 'POST', headers: e.headers, body: e.body });
      assert.equal(res.status, 200);
    }
  } finally {
    serve.child.kill('SIGTERM');
    assert.equal(await serve.exited, 0);
  }
}

function overwrite(file: string, offset: number, length: number): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, offset);
  closeSync(fd);
}

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/hookscope.mjs', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...ENV, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function worksAgain(dataDir: string, config: string): Promise<number> {
  const serve = await startChildServe(['--config', config, '--data-dir', dataDir], ENV);
  try {
    const e = blackboxEvent(SECRET);
    const res = await fetch(`${serve.receiver}/hooks/blackbox`, { method: 'POST', headers: e.headers, body: e.body });
    assert.equal(res.status, 200, 'a new delivery is accepted');
    const page = await apiCall<{ items: unknown[] }>(serve.ui, 'listDeliveries', { limit: 200 }).catch((e: Error) => { throw new Error(`${e.message}\n${serve.stderr()}`); });
    return page.items.length;
  } finally {
    serve.child.kill('SIGTERM');
    assert.equal(await serve.exited, 0);
  }
}

const keptFolder = (dataDir: string): string => {
  const kept = readdirSync(dataDir).filter((n) => n.startsWith('damaged-'));
  assert.equal(kept.length, 1, 'one folder with the damaged files');
  return join(dataDir, kept[0]);
};

test('a destroyed header: start-up names the file, the problem and doctor; doctor keeps it and starts fresh', async () => {
  const { dir, dataDir, config } = setup();
  try {
    await fill(dataDir, config);
    const db = join(dataDir, 'hookscope.db');
    overwrite(db, 0, 100);
    const damagedBytes = readFileSync(db);
    const start = cli(['serve', '--config', config, '--data-dir', dataDir, '--receiver-port', '0', '--ui-port', '0', '--no-tunnel']);
    assert.equal(start.code, 1);
    assert.equal(start.stderr.trim().split('\n').length, 1, start.stderr);
    assert.ok(start.stderr.includes(db), 'names the file');
    assert.match(start.stderr, /is damaged \(file is not a database\)/);
    assert.ok(start.stderr.includes(`hookscope doctor --data-dir ${dataDir}`), 'names the way out');

    const check = cli(['doctor', '--data-dir', dataDir, '--check']);
    assert.equal(check.code, 1);
    assert.deepEqual(readFileSync(db), damagedBytes, '--check changes nothing');

    const doctor = cli(['doctor', '--data-dir', dataDir]);
    assert.equal(doctor.code, 0, doctor.stderr);
    assert.match(doctor.stdout, /moved to .*damaged-.*nothing was deleted/);
    assert.deepEqual(readFileSync(join(keptFolder(dataDir), 'hookscope.db')), damagedBytes, 'the damaged file is kept byte for byte');
    assert.equal(await worksAgain(dataDir, config), 1, 'fresh: only the new delivery');
    assert.equal(cli(['doctor', '--data-dir', dataDir]).code, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const recoverWith of ['sqlite3', 'none']) {
  test(`a damaged page in the middle (${recoverWith === 'none' ? 'salvage only' : 'sqlite3 .recover first'}): doctor recovers the readable deliveries`, { skip: recoverWith === 'sqlite3' && spawnSync('sqlite3', ['-version']).status !== 0 && 'no sqlite3 program here' }, async () => {
    const { dir, dataDir, config } = setup();
    try {
      await fill(dataDir, config);
      const db = join(dataDir, 'hookscope.db');
      const size = statSync(db).size;
      // whole pages of the file's own size (header bytes 16-17; new files use 16 KiB)
      const page = readFileSync(db).readUInt16BE(16);
      overwrite(db, Math.floor(size / page / 2) * page, page * 2);
      const damagedBytes = readFileSync(db);
      assert.equal(cli(['doctor', '--data-dir', dataDir, '--check']).code, 1, 'the integrity check finds it');
      const doctor = cli(['doctor', '--data-dir', dataDir], { HOOKSCOPE_SQLITE3: recoverWith });
      assert.equal(doctor.code, 0, doctor.stderr + doctor.stdout);
      // sqlite3 3.40's .recover fails on the FTS5 schema; doctor then says so and salvages
      assert.match(doctor.stdout, recoverWith === 'none' ? /Recovered with salvage/ : /Recovered with sqlite3 \.recover|\.recover was not available or failed on this file: salvaging[\s\S]*Recovered with salvage/);
      assert.deepEqual(readFileSync(join(keptFolder(dataDir), 'hookscope.db')), damagedBytes);
      const listed = await worksAgain(dataDir, config);
      assert.ok(listed > 1 && listed <= DELIVERIES + 1, `recovered some deliveries (${listed - 1} of ${DELIVERIES})`);
      assert.ok(existsSync(join(dataDir, 'hookscope.db')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
