import assert from 'node:assert/strict';
import { test } from 'node:test';
import path from 'node:path';
import { desktopCoreOptions } from '../../../electron/main/core-options';

interface StartScript {
  electronEnv(
    opts: { dataDir?: string; configPath?: string; receiverPort?: number; tunnel?: boolean },
    baseEnv: Record<string, string | undefined>,
  ): Record<string, string | undefined>;
  electronExitOutcome(args: { code: number | null; signal: string | null; elapsedMs: number; stopRequested?: boolean }): {
    reason?: string;
    exitCode?: number;
  };
}

// a non-literal specifier: the script is plain JavaScript without type declarations
const specifier: string = '../../../scripts/start.mjs';
const load = async (): Promise<StartScript> => (await import(specifier)) as StartScript;

test('start: an Electron exit by signal within the grace period is a start failure (web mode follows)', async () => {
  const { electronExitOutcome } = await load();
  assert.match(electronExitOutcome({ code: null, signal: 'SIGTRAP', elapsedMs: 300 }).reason ?? '', /SIGTRAP/);
  assert.match(electronExitOutcome({ code: 1, signal: null, elapsedMs: 300 }).reason ?? '', /code 1/);
  assert.deepEqual(electronExitOutcome({ code: 0, signal: null, elapsedMs: 300 }), { exitCode: 0 });
  // Ctrl-C at start-up stops, it does not fall back to web mode
  assert.equal(electronExitOutcome({ code: null, signal: 'SIGINT', elapsedMs: 300, stopRequested: true }).reason, undefined);
});

test('start: after the grace period a crash exits with 1, never a silent 0', async () => {
  const { electronExitOutcome } = await load();
  assert.deepEqual(electronExitOutcome({ code: null, signal: 'SIGTRAP', elapsedMs: 60_000 }), { exitCode: 1 });
  assert.deepEqual(electronExitOutcome({ code: 3, signal: null, elapsedMs: 60_000 }), { exitCode: 3 });
  assert.deepEqual(electronExitOutcome({ code: 0, signal: null, elapsedMs: 60_000 }), { exitCode: 0 });
});

test('start: the flags reach the Electron child as the variables the desktop app reads', async () => {
  const { electronEnv } = await load();
  const env = electronEnv(
    { dataDir: 'data', configPath: '/tmp/h.json', receiverPort: 4567, tunnel: false },
    { PATH: '/bin', ELECTRON_RUN_AS_NODE: '1' },
  );
  assert.equal(env.ELECTRON_RUN_AS_NODE, undefined);
  assert.equal(env.PATH, '/bin');
  assert.equal(env.HOOKSCOPE_DATA_DIR, path.resolve('data'));
  assert.equal(env.HOOKSCOPE_CONFIG, '/tmp/h.json');
  assert.equal(env.HOOKSCOPE_RECEIVER_PORT, '4567');
  assert.equal(env.HOOKSCOPE_TUNNEL, '0');
  const core = desktopCoreOptions(env as NodeJS.ProcessEnv, env.HOOKSCOPE_DATA_DIR!, null);
  assert.equal(core.configPath, '/tmp/h.json');
  assert.equal(core.receiverPort, 4567);
  assert.equal(core.tunnelEnabled, false);
  assert.equal(desktopCoreOptions({ HOOKSCOPE_TUNNEL: '1' }, '/d', null).tunnelEnabled, true);
  assert.equal(desktopCoreOptions({}, '/d', null).tunnelEnabled, undefined);
  assert.deepEqual(electronEnv({}, { PATH: '/bin' }), { PATH: '/bin' });
});
