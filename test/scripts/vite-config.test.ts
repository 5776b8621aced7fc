/** `npm start` and `npm run build` load vite.config.ts: it must load without a warning. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger, loadConfigFromFile } from 'vite';

test('vite.config.ts loads with no warning (imports carry their file extension)', async () => {
  const base = createLogger('warn');
  const said: string[] = [];
  const logger = { ...base, warn: (msg: string) => said.push(msg), warnOnce: (msg: string) => said.push(msg), error: (msg: string) => said.push(msg) };
  const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, 'vite.config.ts', process.cwd(), 'warn', logger);
  assert.ok(loaded?.config.build?.outDir, 'the config loaded');
  assert.deepEqual(said, []);
});
