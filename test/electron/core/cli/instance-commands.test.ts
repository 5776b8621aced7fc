/** send, replay and export as child processes against a real `serve`, found through --data-dir alone. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildServe } from '../../../helpers/child-serve';
import { runCli } from '../../../helpers/cli-child';
import { startDevServer } from '../forward/dev-server';

const SECRET = 'send-test-secret-0123456789';

test('send (sample, broken kind, --body, --from), replay and export --format har/curl work against a running serve', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-cmds-'));
  const dev = await startDevServer();
  let answer = 200;
  dev.respond = (_r, res) => res.writeHead(answer).end('ok');
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ sources: [{ id: 'gh', provider: 'github', secrets: ['env:GH_SECRET'], forward: { url: dev.url('/hook') } }] }));
  const serve = await startChildServe(['--data-dir', dir, '--config', config], { GH_SECRET: SECRET });
  const cli = (...args: string[]) => runCli([...args, '--data-dir', dir]);
  try {
    const sent = await cli('send', 'gh', '--json');
    assert.equal(sent.code, 0, sent.stderr);
    const delivery = JSON.parse(sent.stdout) as { kind: string; id: string; sourceId: string; verdict: string };
    assert.equal(delivery.kind, 'delivery');
    assert.equal(delivery.sourceId, 'gh');
    assert.equal(delivery.verdict, 'verified');

    const broken = await cli('send', 'gh', '--kind', 'bad_signature');
    assert.equal(broken.code, 0, 'rejected as intended');
    assert.match(broken.stdout, /^\d\d:\d\d:\d\d --> gh \S+ \[[^\]]+\] rejected \(signature: no_matching_signature\)\n$/);

    const file = join(dir, 'payload.json');
    const payload = '{"ref":"refs/heads/cli","zen":"from a file"}';
    writeFileSync(file, payload);
    const fromFile = await cli('send', 'gh', '--body', file, '--event-type', 'push');
    assert.equal(fromFile.code, 0, fromFile.stderr);
    assert.match(fromFile.stdout, / --> gh push \[[^\]]+\] verified\n$/);
    const fileId = /\[([^\]]+)\]/.exec(fromFile.stdout)![1];

    const fromCaptured = await cli('send', 'gh', '--from', fileId);
    assert.equal(fromCaptured.code, 0, fromCaptured.stderr);
    assert.match(fromCaptured.stdout, / --> gh push \[[^\]]+\] verified\n$/);
    // both were auto-forwarded with the file's bytes, signed anew
    const deadline = Date.now() + 20_000;
    while (dev.received.filter((r) => r.body.toString() === payload).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(dev.received.filter((r) => r.body.toString() === payload).length, 2);

    const replayed = await cli('replay', delivery.id, '--json');
    assert.equal(replayed.code, 0, replayed.stderr);
    const attempt = JSON.parse(replayed.stdout) as { kind: string; deliveryId: string; status: number; mode: string; target: string };
    assert.deepEqual([attempt.kind, attempt.deliveryId, attempt.status, attempt.mode, attempt.target], ['attempt', delivery.id, 200, 'original', dev.url('/hook')]);
    answer = 500;
    const failing = await cli('replay', delivery.id, '--mode', 'resign');
    assert.equal(failing.code, 1);
    assert.match(failing.stdout, /^\d\d:\d\d:\d\d <-- \[500\] POST http:\/\/127\.0\.0\.1:\d+\/hook {2}\d+ ms\n$/);
    const unknown = await cli('replay', 'dlv_nope');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^hookscope: No delivery with id dlv_nope/);

    const har = await cli('export', '--format', 'har', '--query', 'verdict:rejected');
    assert.equal(har.code, 0, har.stderr);
    const log = (JSON.parse(har.stdout) as { log: { entries: Array<{ request: { url: string } }> } }).log;
    assert.equal(log.entries.length, 1);
    assert.match(log.entries[0].request.url, /\/hooks\/gh$/);
    const out = join(dir, 'all.curl');
    const curl = await cli('export', '--format', 'curl', '-o', out);
    assert.equal(curl.code, 0, curl.stderr);
    assert.equal(statSync(out).mode & 0o777, 0o600);
    assert.equal(readFileSync(out, 'utf8').match(/^curl /gm)?.length, 4);
    assert.ok(!readFileSync(out, 'utf8').includes(SECRET));
    const none = await cli('export', '--format', 'json', '--query', 'source:nope');
    assert.equal(none.code, 1);
    assert.equal(none.stderr, 'hookscope: no deliveries match --query "source:nope"\n');
    const noFormat = await cli('export');
    assert.equal(noFormat.code, 2);
    assert.equal(noFormat.stderr, 'hookscope: --format is required: har, curl or json\n');
  } finally {
    serve.child.kill('SIGTERM');
    await serve.exited;
    await dev.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
