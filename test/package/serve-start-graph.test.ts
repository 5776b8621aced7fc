/**
 * What `hookscope serve` parses before it answers: the CLI bundle (scripts/build.mjs's own options,
 * bundled in memory) followed from its entry through the chunks `serve` imports — the logger and
 * electron/core/serve.ts — along static imports only. Code that only some starts need (the
 * PostgreSQL driver in team mode, the MCP SDK, the logging library before a line is logged) must
 * sit behind an import() or a lazy require so the embedded start never loads it
 * (docs/architecture.md "Build and packaging").
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** the source files (by path) in every output file reachable from `entries` along static imports, and the packages they import from outside the bundle */
function staticallyLoaded(metafile: Metafile, entries: string[]): { files: string[]; externals: string[] } {
  const outputs = metafile.outputs;
  const pending = entries.map((entry) => {
    const output = Object.keys(outputs).find((file) => outputs[file].entryPoint === entry);
    assert.ok(output, `${entry} is an entry or an import() target of the CLI bundle`);
    return output;
  });
  const seen = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imported of outputs[file].imports) if (imported.kind === 'import-statement' && !imported.external) pending.push(imported.path);
  }
  const externals = [...seen].flatMap((file) => outputs[file].imports.filter((i) => i.kind === 'import-statement' && i.external).map((i) => i.path));
  return { files: [...seen].flatMap((file) => Object.keys(outputs[file].inputs)), externals };
}

test('`hookscope serve` on the embedded store loads no PostgreSQL driver, no MCP SDK, no logging library and no API-only code before it answers', async () => {
  const { cliBundleOptions } = (await import(pathToFileURL(path.join(ROOT, 'scripts/build.mjs')).href)) as { cliBundleOptions(): BuildOptions };
  const outdir = mkdtempSync(path.join(tmpdir(), 'hookscope-serve-graph-'));
  try {
    const result = await build({ ...cliBundleOptions(), outdir, write: false, metafile: true, logLevel: 'silent' });
    const { files: loaded, externals } = staticallyLoaded(result.metafile, ['scripts/cli-entry.ts', 'electron/core/logger.ts', 'electron/core/serve.ts']);
    // the walk reached the core: the check below is about a real graph
    for (const needed of ['electron/core/create-core.ts', 'electron/core/store/sqlite/database.ts', 'electron/core/receiver/receiver.ts']) {
      assert.ok(loaded.includes(needed), `${needed} loads at serve's start`);
    }
    const heavy = loaded.filter((file) => /node_modules\/(pg|pg-[a-z-]+|pgpass|@modelcontextprotocol)\//.test(file) || file.startsWith('electron/core/store/postgres/'));
    assert.deepEqual(heavy, [], 'team-mode or MCP code loads at every `serve` start: import it inside the branch that needs it');
    // pino loads with the first line logged (logging/load-pino.ts), pino-pretty with the first pretty line,
    // node:https with the first https target (forward/http-sender.ts)
    assert.ok(externals.includes('better-sqlite3') && !externals.includes('pino') && !externals.includes('node:https'), `static imports from outside the bundle: ${externals.join(', ')}`);
    // what only an API call needs loads with that call: the readiness checklists, the sample events
    assert.deepEqual(loaded.filter((file) => file.startsWith('electron/core/readiness/') || file === 'shared/verify/samples.ts'), [], 'loaded at every start');
    assert.deepEqual(loaded.filter((file) => file.includes('node_modules/pino-pretty/')), [], 'pino-pretty loads at every start');
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
