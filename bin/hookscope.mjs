#!/usr/bin/env node
// `hookscope …`: runs the bundled command line, dist/cli.mjs (the npm package ships it and no
// transpiler), so start-up never pays for one. In a source checkout where the bundle is missing (a fresh
// clone after `npm install`), it is built once here with esbuild (about a second) and run from then on.
// Only HOOKSCOPE_CLI=src runs the TypeScript sources through tsx (the test runner sets it, so tests
// always run the current sources).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli.mjs', import.meta.url);
const checkout = existsSync(new URL('../electron/core', import.meta.url));
if (checkout && process.env.HOOKSCOPE_CLI === 'src') {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport('../scripts/cli-entry.ts', import.meta.url);
} else {
  if (checkout && !existsSync(bundle)) {
    process.stderr.write('hookscope: building dist/cli.mjs once (npm run build rebuilds it after you change the sources)…\n');
    const { buildCli } = await import('../scripts/build.mjs');
    await buildCli();
  }
  if (existsSync(bundle)) {
    await import('../dist/cli.mjs');
  } else {
    process.stderr.write('hookscope: dist/cli.mjs is missing: run `npm run build` first.\n');
    process.exit(1);
  }
}
