/** `hookscope tail` against a real `serve`, found through --data-dir alone. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildServe } from '../../../helpers/child-serve';
import { runCli, startCli } from '../../../helpers/cli-child';
import { startDevServer } from '../forward/dev-server';

const SECRET = 'tail-test-secret-0123456789';

function githubPush(receiver: string, secret: string, id: string): Promise<Response> {
  const body = JSON.stringify({ ref: 'refs/heads/main', after: id });
  return fetch(`${receiver}/hooks/gh`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'push',
      'x-github-delivery': id,
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
    body,
  });
}

test('tail --json prints each delivery and its forward attempt; a query filters; it exits 1 when the instance stops', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-tail-'));
  const dev = await startDevServer();
  dev.respond = (_r, res) => res.writeHead(202).end('queued');
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ sources: [{ id: 'gh', provider: 'github', secrets: ['env:GH_SECRET'], forward: { url: dev.url('/hook') } }] }));
  const serve = await startChildServe(['--data-dir', dir, '--config', config], { GH_SECRET: SECRET });
  const all = startCli(['tail', '--json', '--data-dir', dir]);
  const rejectedOnly = startCli(['tail', '--data-dir', dir, '--query', 'verdict:rejected source:gh']);
  try {
    await all.stderrHas('Tailing');
    await rejectedOnly.stderrHas('Tailing');
    assert.equal((await githubPush(serve.receiver, SECRET, 'good-1')).status, 200);
    assert.equal((await githubPush(serve.receiver, 'wrong-secret-xxxxxxxx', 'bad-1')).status, 401);

    const delivery = JSON.parse(await all.line((l) => l.includes('"kind":"delivery"') && l.includes('"verified"'), 'the verified delivery line')) as Record<string, unknown>;
    assert.equal(delivery.sourceId, 'gh');
    assert.equal(delivery.eventType, 'push');
    assert.equal(delivery.failingCheck, null);
    const attempt = JSON.parse(await all.line((l) => l.includes('"kind":"attempt"'), 'the attempt line')) as Record<string, unknown>;
    assert.equal(attempt.deliveryId, delivery.id);
    assert.equal(attempt.status, 202);
    assert.equal(attempt.method, 'POST');
    assert.equal(attempt.target, dev.url('/hook'));
    assert.equal(typeof attempt.durationMs, 'number');
    const rejected = JSON.parse(await all.line((l) => l.includes('"kind":"delivery"') && l.includes('"rejected"'), 'the rejected delivery line')) as Record<string, unknown>;
    assert.deepEqual(rejected.failingCheck, { id: 'signature', code: 'no_matching_signature' });

    const text = await rejectedOnly.line(() => true, 'a text line');
    assert.match(text, /^\d\d:\d\d:\d\d --> gh push \[[^\]]+\] rejected \(signature: no_matching_signature\)$/);
    assert.equal(rejectedOnly.lines.length, 1, 'the verified delivery and its attempt are filtered out');

    serve.child.kill('SIGTERM');
    assert.equal(await serve.exited, 0);
    assert.equal(await all.stop(), 1);
    assert.match(all.stderr(), /hookscope: Hookscope at http:\/\/127\.0\.0\.1:\d+ stopped: the live stream ended/);
  } finally {
    serve.child.kill('SIGKILL');
    await all.stop();
    await rejectedOnly.stop();
    await dev.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tail without a running instance, with a bad query or a half --ui/--token pair: one line, non-zero', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-tail-none-'));
  try {
    const none = await runCli(['tail', '--data-dir', dir]);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /^hookscope: no Hookscope is running on .* \(no instance\.json\): start one with `hookscope serve --data-dir .*`, or pass --ui URL --token T\n$/);
    // a file left by a crashed instance is stale: named as such, never used
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(join(dir, 'instance.json'), JSON.stringify({ pid: Number(dead), ui: 'http://127.0.0.1:9', token: 't'.repeat(20), receiver: 'http://127.0.0.1:9' }), { mode: 0o600 });
    const stale = await runCli(['tail', '--data-dir', dir]);
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, new RegExp(`^hookscope: no Hookscope is running on .* \\(instance\\.json names pid ${dead}, which has exited\\)`));
    const query = await runCli(['tail', '--data-dir', dir, '--query', 'verdict:maybe']);
    assert.equal(query.code, 2);
    assert.equal(query.stderr, 'hookscope: --query verdict: is verified or rejected, not "maybe"\n');
    const half = await runCli(['tail', '--ui', 'http://127.0.0.1:9']);
    assert.equal(half.code, 2);
    assert.match(half.stderr, /^hookscope: --ui needs --token T too/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
