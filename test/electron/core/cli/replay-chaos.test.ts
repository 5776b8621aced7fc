/** `hookscope replay ID --repeat 5 --concurrency 5 --probe URL` as a child process against a running serve. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildServe } from '../../../helpers/child-serve';
import { runCli } from '../../../helpers/cli-child';
import { startDevServer } from '../forward/dev-server';

test('replay --repeat/--concurrency/--probe prints every attempt and the verdict; a naive handler exits 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-chaos-cli-'));
  const dev = await startDevServer();
  let applied = 0;
  dev.respond = (r, res) => {
    if (r.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ applied }));
    applied += 1; // naive: every copy applies the side effect
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  };
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ sources: [{ id: 'gh', provider: 'github', secrets: ['env:GH_SECRET'], forward: { url: dev.url('/hook'), auto: false } }] }));
  const serve = await startChildServe(['--data-dir', dir, '--config', config], { GH_SECRET: 'chaos-cli-secret-0123456789' });
  const cli = (...args: string[]) => runCli([...args, '--data-dir', dir]);
  try {
    const sent = await cli('send', 'gh', '--json');
    assert.equal(sent.code, 0, sent.stderr);
    const id = (JSON.parse(sent.stdout) as { id: string }).id;

    const run = await cli('replay', id, '--repeat', '5', '--concurrency', '5', '--probe', dev.url('/count'));
    assert.equal(run.code, 1, 'not idempotent');
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.filter((l) => / <-- \[200\] POST /.test(l)).length, 5, run.stdout);
    assert.ok(lines.includes('statuses: 200 200 200 200 200  (1 distinct response body)'), run.stdout);
    assert.ok(lines.includes('probe before: {"applied":0}'), run.stdout);
    assert.ok(lines.includes('probe after:  {"applied":5}'), run.stdout);
    assert.ok(lines.includes('verdict: NOT IDEMPOTENT: 5 copies → side effect applied 5 times: the handler is not idempotent on X-GitHub-Delivery'), run.stdout);

    const json = await cli('replay', id, '--repeat', '2', '--json');
    assert.equal(json.code, 0, json.stderr);
    const objects = json.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { kind: string; verdict?: string });
    assert.deepEqual(objects.map((o) => o.kind), ['attempt', 'attempt', 'report']);
    assert.equal(objects[2].verdict, 'unknown');

    const bad = await cli('replay', id, '--repeat', '0');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--repeat needs a whole number from 1 to 50, got "0"/);
  } finally {
    serve.child.kill('SIGTERM');
    await serve.exited;
    await dev.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
