/**
 * The main thread's young generation is held at the background threads' size (young-generation.ts):
 * under an allocation load that keeps objects alive across collections, the new space of an uncapped
 * process grows past the cap, a capped one's never does (also after a worker thread starts), and it grows back to the cap after V8 shrank it;
 * an idle process spends nothing on it.
 * Each case runs in its own process: V8's flags are process-wide.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { growthFactorFor, MAIN_NEW_SPACE_CAP_BYTES } from '../../../electron/core/young-generation';

const MB = 1024 * 1024;

/** runs `before` then 2 s of allocation with survivors in a child process; the largest new space seen, in bytes */
function largestNewSpace(before: string): { largest: number; afterShrink: number } {
  const script = `
    const { getHeapSpaceStatistics } = await import('node:v8');
    const { capYoungGeneration } = await import('./electron/core/young-generation.ts');
    ${before}
    const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    const load = async (ms) => {
      // a ring of live objects, replaced one by one: every scavenge copies the survivors
      // (a server's pace: the event loop turns between bursts, as it does between requests)
      const ring = new Array(5000);
      let largest = 0;
      const end = Date.now() + ms;
      for (let i = 0; Date.now() < end; i++) {
        for (let j = 0; j < 200; j++) ring[(i * 200 + j) % ring.length] = { i, j, text: 'x'.repeat(40) + i };
        largest = Math.max(largest, newSpace());
        await new Promise((r) => setImmediate(r));
      }
      return largest;
    };
    const largest = await load(2000);
    // a memory-reducing full collection shrinks the new space; under load again it must come back to the cap, not stay small
    const { setFlagsFromString } = await import('node:v8');
    setFlagsFromString('--expose-gc');
    const gc = (await import('node:vm')).runInNewContext('gc');
    gc({ type: 'major' }); gc({ type: 'major' });
    const afterShrink = await load(1000);
    process.stdout.write(JSON.stringify({ largest, afterShrink }));
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as { largest: number; afterShrink: number };
}

describe('main thread young generation', () => {
  test('without the cap the load grows the new space past it; with the cap it stays at it', () => {
    const uncapped = largestNewSpace('');
    assert.ok(uncapped.largest > MAIN_NEW_SPACE_CAP_BYTES, `uncapped new space ${uncapped.largest / MB} MB: the load does not exercise the cap`);
    // as in the app, a worker thread starts after the cap is set (starting one resets V8's growth factor)
    const capped = largestNewSpace(`capYoungGeneration();
      const { Worker } = await import('node:worker_threads');
      const worker = new Worker('setInterval(() => {}, 1000)', { eval: true });
      await new Promise((r) => worker.once('online', r));
      worker.unref();`);
    assert.ok(capped.largest <= MAIN_NEW_SPACE_CAP_BYTES, `capped new space reached ${capped.largest / MB} MB`);
    assert.equal(capped.afterShrink, MAIN_NEW_SPACE_CAP_BYTES, 'the new space grows back to the cap after a collection shrank it');
  });

  test('an idle process does no work for it (only collections wake the steering)', () => {
    // CPU time, not wall time: a busy machine does not inflate it. A 20 ms timer cost ~65 ms in these 2 s; a process without the cap ~15
    const script = `
      const { capYoungGeneration } = await import('./electron/core/young-generation.ts');
      capYoungGeneration();
      await new Promise((r) => setTimeout(r, 300));
      const before = process.cpuUsage();
      await new Promise((r) => setTimeout(r, 2000));
      const used = process.cpuUsage(before);
      process.stdout.write(String((used.user + used.system) / 1000));
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(Number(run.stdout) < 40, `idle for 2 s, the process used ${run.stdout} ms of CPU`);
  });

  test('the growth factor reaches the cap in one step and holds there', () => {
    assert.equal(growthFactorFor(MAIN_NEW_SPACE_CAP_BYTES / 4), 4);
    assert.equal(growthFactorFor(MAIN_NEW_SPACE_CAP_BYTES / 2), 2);
    assert.equal(growthFactorFor(MAIN_NEW_SPACE_CAP_BYTES), 1);
    assert.equal(growthFactorFor(MAIN_NEW_SPACE_CAP_BYTES * 4), 1);
    assert.equal(growthFactorFor(0), 1);
  });
});
