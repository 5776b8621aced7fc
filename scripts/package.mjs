#!/usr/bin/env node
// `npm run package [-- electron-builder flags]`: the desktop app's installers in release/.
// Needs Node ≥ 22.12 (electron-builder's toolchain) and network access (it downloads Electron and
// its headers); `npm test` and the CLI need neither. Steps: build, icons from packaging/icon.svg,
// stage out/app with its own package.json, install the runtime dependencies there (no scripts:
// electron-builder then builds the native ones for Electron's ABI, in out/app only), run electron-builder.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`package: Node ${process.versions.node} is too old for electron-builder: use Node 22.12 or later (\`nvm use\` reads .nvmrc).`);
  process.exit(1);
}

function step(what, command, args, cwd = ROOT) {
  console.log(`package: ${what}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`package: ${what} failed (see above)`);
    process.exit(result.status ?? 1);
  }
}

step('build', process.execPath, ['scripts/build.mjs']);
step('icons', process.execPath, ['--import', 'tsx', 'scripts/make-icons.ts']);
step('stage out/app', process.execPath, ['--import', 'tsx', 'scripts/stage-app.ts']);
step('install the runtime dependencies in out/app', 'npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], path.join(ROOT, 'out', 'app'));
step('electron-builder', 'npx', ['electron-builder', '--config', 'electron-builder.yml', ...process.argv.slice(2)]);
