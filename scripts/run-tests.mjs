#!/usr/bin/env node
// Runs every test file under test/ with Node's own test runner (TypeScript through tsx).
// Usage: npm test [-- <path filter>...]   e.g. npm test -- verify store
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else if (/\.test\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

const filters = process.argv.slice(2);

// The whole run (no filter) also type-checks both worlds and enforces the layer rules by lint.
if (filters.length === 0) {
  for (const [what, cmd, args] of [
    ['type-check (Node)', 'npx', ['tsc', '-p', 'tsconfig.node.json', '--noEmit']],
    ['type-check (web)', 'npx', ['tsc', '-p', 'tsconfig.web.json', '--noEmit']],
    ['lint (layer rules)', 'npx', ['eslint', '.']],
  ]) {
    const step = spawnSync(cmd, args, { stdio: 'inherit' });
    if (step.status !== 0) {
      console.error(`${what} failed`);
      process.exit(step.status ?? 1);
    }
  }
}
const files = walk('test')
  .filter((f) => filters.length === 0 || filters.some((needle) => f.includes(needle)))
  .sort();
if (files.length === 0) {
  console.error(`No test files match ${filters.join(' ')}`);
  process.exit(1);
}
// The UI tests' Chromium (scripts/lib/find-browser.ts) is found, and @sparticuz/chromium's binary extracted,
// once here before the files run in parallel: on a fresh machine they would otherwise all extract it at
// once and launch it while another is still writing it (spawn ETXTBSY). A failure is only reported: the
// UI tests say why.
if (files.some((f) => f.includes(join('test', 'e2e')))) {
  spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', "await (await import('./scripts/lib/find-browser.ts')).findBrowser();"], { stdio: 'inherit' });
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=240000', ...files],
  { stdio: 'inherit', env: { ...process.env, HOOKSCOPE_LOG_LEVEL: process.env.HOOKSCOPE_LOG_LEVEL ?? 'silent', HOOKSCOPE_CLI: process.env.HOOKSCOPE_CLI ?? 'src' } },
);
process.exit(result.status ?? 1);
