/**
 * A source's own configured secret (and auth token, and a secret added through the API, stored sealed)
 * sent back by a caller under any name — a custom header, a query parameter (with or without a value,
 * percent-encoded), a JSON value or key, a text body, to an unknown path, and echoed by the dev server
 * in a forward's response — is masked wherever Hookscope stores or shows it: no file of the data
 * directory, no API answer and no log line holds the value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { encodeFormComponent } from '../../../../shared/redact/percent';
import { apiCall, startChildServe } from '../../../helpers/child-serve';
import { filesUnder } from '../../../helpers/files-under';

const BB = 'bb+Secret/Value=9Kq2Lm7Xw3'; // characters that a query or form body percent-encodes
const TOK = 'tok_Zr8Vn2Qp5Ws1Yb4';
const GH = 'gh-sealed-secret-Jd7Hk2Pm9';
const SECRETS = { BB, TOK, GH };

/** each secret as it can stand in text: as is, percent-encoded, form-encoded */
function needles(): Array<[string, string]> {
  return Object.entries(SECRETS).flatMap(([name, v]) => [...new Set([v, encodeURIComponent(v), encodeFormComponent(v)])].map((n): [string, string] => [name, n]));
}

function leaks(where: string, haystack: string | Buffer): string[] {
  return needles().filter(([, n]) => haystack.includes(n)).map(([name, n]) => `${where}: ${name} as ${n}`);
}

test('a configured secret sent under any name is masked in every file of the data directory, every API answer and the log', async () => {
  // the dev server echoes the custom header back: the forward's recorded response holds it too
  const dev: Server = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ echoed: req.headers['x-echo-secret'] ?? null })));
  await new Promise<void>((resolve) => dev.listen(0, '127.0.0.1', () => resolve()));
  const devUrl = `http://127.0.0.1:${(dev.address() as AddressInfo).port}/echo`;

  const dir = mkdtempSync(join(tmpdir(), 'hookscope-known-secret-'));
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({
    sources: [
      { id: 'blackbox', provider: 'blackbox', secrets: ['env:BB'], rateLimit: null, forward: { url: devUrl, auto: true } },
      { id: 'tokened', provider: 'github', secrets: [], authTokens: ['env:TOK'], rateLimit: null },
    ],
  }));
  const dataDir = join(dir, 'data');
  const serve = await startChildServe(['--config', config, '--data-dir', dataDir, '--log-level', 'debug', '--log-format', 'json'], { BB, TOK });
  try {
    // entered in the UI: stored sealed, resolved in memory only
    await apiCall(serve.ui, 'addSecret', { sourceId: 'tokened', value: GH });

    const json = JSON.stringify({
      event: 'CompletedWebHookPayload', eventId: `evt_${randomUUID()}`, timestamp: new Date().toISOString(),
      data: { callId: 'c1', agentId: 'a1', note: `the secret is ${BB}, the token ${TOK}`, extra: { [GH]: 'as a key' }, list: [BB] },
    });
    const text = `debug dump: secret=${BB} token=${TOK} github=${GH}`;
    const sends: Array<[path: string, body: string, headers: Record<string, string>]> = [
      [
        `/hooks/blackbox?debug=${encodeURIComponent(BB)}&${encodeURIComponent(TOK)}&${GH}=1`,
        json,
        { 'content-type': 'application/json', 'x-echo-secret': BB, 'x-trace': `t=${TOK};g=${GH}`, 'x-blackbox-signature': createHmac('sha256', BB).update(json).digest('hex') },
      ],
      [
        `/hooks/tokened?token=${TOK}&note=${encodeFormComponent(BB)}`,
        text,
        { 'content-type': 'text/plain', 'x-github-event': 'ping', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': `sha256=${createHmac('sha256', GH).update(text).digest('hex')}`, 'x-debug': GH },
      ],
      [`/hooks/tokened`, `secret=${encodeFormComponent(BB)}&${encodeFormComponent(TOK)}`, { 'content-type': 'application/x-www-form-urlencoded', 'x-auth-token': TOK }],
      [`/hooks/no-such-source?k=${encodeURIComponent(BB)}`, `{"t":"${TOK}","g":"${GH}"}`, { 'content-type': 'application/json', 'x-leak': BB }],
    ];
    const statuses: number[] = [];
    for (const [path, body, headers] of sends) {
      const res = await fetch(`${serve.receiver}${path}`, { method: 'POST', headers, body });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    assert.equal(statuses[0], 200, 'the signed delivery verifies with the secret');
    assert.equal(statuses[3], 404);

    type Listed = { items: Array<{ id: string; sourceId: string | null }> };
    const page = await apiCall<Listed>(serve.ui, 'listDeliveries', { limit: 10 });
    assert.equal(page.items.length, sends.length);
    const forwarded = page.items.find((i) => i.sourceId === 'blackbox')!.id;
    for (let i = 0; i < 200; i++) {
      const d = await apiCall<{ attempts: unknown[] }>(serve.ui, 'getDelivery', { id: forwarded });
      if (d.attempts.length > 0) break;
      await sleep(100);
    }
    const ids = page.items.map((i) => i.id);
    const details = await Promise.all(ids.map((id) => apiCall<{ attempts: unknown[] }>(serve.ui, 'getDelivery', { id })));
    assert.ok(details.some((d) => d.attempts.length > 0), 'the delivery was forwarded and its attempt recorded');
    const answers: Record<string, string> = {
      listDeliveries: JSON.stringify(page),
      getDelivery: JSON.stringify(details),
      'export har': JSON.stringify(await apiCall(serve.ui, 'exportDeliveries', { ids, format: 'har' })),
      'export curl': JSON.stringify(await apiCall(serve.ui, 'exportDeliveries', { ids, format: 'curl' })),
      'export json': JSON.stringify(await apiCall(serve.ui, 'exportDeliveries', { ids, format: 'json' })),
      listAudit: JSON.stringify(await apiCall(serve.ui, 'listAudit', { limit: 100 })),
      getConfig: JSON.stringify(await apiCall(serve.ui, 'getConfig', {})),
    };
    assert.deepEqual(Object.entries(answers).flatMap(([where, text]) => leaks(where, text)), []);
    // masked where it was, not dropped: the user sees that a configured secret stood there
    assert.match(answers.getDelivery, /«redacted configured secret \(26 chars\)»/);
    assert.match(answers.getDelivery, /x-echo-secret/i);
  } finally {
    serve.child.kill('SIGTERM');
    await serve.exited;
    await new Promise((resolve) => dev.close(resolve));
  }
  try {
    const scanned = filesUnder(dataDir).filter((f) => !f.endsWith('data.key'));
    assert.ok(scanned.some((f) => f.endsWith('hookscope.db')));
    assert.deepEqual([...scanned.flatMap((f) => leaks(f, readFileSync(f))), ...leaks('log', serve.stderr())], []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
