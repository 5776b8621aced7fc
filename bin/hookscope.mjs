#!/usr/bin/env node
// `hookscope …`: runs the bundled command line, dist/cli.mjs (built by `npm run build`; the npm
// package ships it and no transpiler), so start-up never pays for a transpiler. Only where the bundle
// is missing in a source checkout, or HOOKSCOPE_CLI=src asks for it (the test runner does, so tests
// always run the current sources), are the TypeScript sources run through tsx.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli.mjs', import.meta.url);
const checkout = existsSync(new URL('../electron/core', import.meta.url));
if (checkout && (process.env.HOOKSCOPE_CLI === 'src' || !existsSync(bundle))) {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport('../scripts/cli-entry.ts', import.meta.url);
} else if (existsSync(bundle)) {
  await import('../dist/cli.mjs');
} else {
  process.stderr.write('hookscope: dist/cli.mjs is missing: run `npm run build` first.\n');
  process.exit(1);
}
