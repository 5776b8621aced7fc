#!/usr/bin/env node
// `hookscope …`: runs the bundled command line, dist/cli.mjs (built by `npm run build`; the npm
// package ships it and no transpiler). In a source checkout (electron/ next to bin/) it runs the
// TypeScript sources through tsx instead, so tests and `npm run serve` always run the current code;
// HOOKSCOPE_CLI=dist makes a checkout run the bundle too (the start-up bench does).
import { existsSync } from 'node:fs';

const checkout = existsSync(new URL('../electron/core', import.meta.url));
if (checkout && process.env.HOOKSCOPE_CLI !== 'dist') {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport('../scripts/cli-entry.ts', import.meta.url);
} else if (existsSync(new URL('../dist/cli.mjs', import.meta.url))) {
  await import('../dist/cli.mjs');
} else {
  process.stderr.write('hookscope: dist/cli.mjs is missing: run `npm run build` first.\n');
  process.exit(1);
}
