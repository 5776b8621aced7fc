import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { DeliveryDetail } from '../../../../shared/api';
import { HookscopeError } from '../../../../shared/result';
import { exportDeliveries } from '../../../../electron/core/forward/export';
import { createMemoryStore, type MemoryStore } from './memory-store';

function detail(over: Partial<DeliveryDetail> & { id: string }): DeliveryDetail {
  return {
    sourceId: 'blackbox',
    receivedAt: '2026-01-15T12:00:00.000Z',
    method: 'POST',
    path: '/hooks/blackbox?token=«redacted»',
    eventType: 'call.completed',
    verdict: 'verified',
    status: 200,
    duplicateOf: null,
    forward: { state: 'delivered', status: 200 },
    size: 120,
    clientIp: '127.0.0.1',
    headers: [
      ['Host', 'abc.ngrok.app'],
      ['X-Forwarded-Proto', 'https'],
      ['Content-Type', 'application/json'],
      ['Content-Length', '120'],
      ['X-BlackBox-Signature', '5bdcc1…(64)'],
    ],
    body: `{"phoneNumber":"«phone …67»","note":"it's $(whoami) \`id\`","email":"«email @example.com»"}`,
    bodySha256: 'ab'.repeat(32),
    contentType: 'application/json',
    checks: [{ id: 'signature', outcome: 'pass', code: 'ok', summary: 'Signature matches secrets[0].', detail: {}, diagnosis: [] }],
    attempts: [],
    idempotencyKey: 'evt_1',
    rawAvailable: true,
    ...over,
  };
}

function storeWith(...details: DeliveryDetail[]): MemoryStore {
  const store = createMemoryStore();
  for (const d of details) store.details.set(d.id, d);
  // an export must be built from the redacted view only
  store.rawBody = () => assert.fail('export read the raw body');
  store.rawHeaders = () => assert.fail('export read the raw headers');
  store.revealRaw = () => assert.fail('export revealed the raw body');
  return store;
}

describe('exportDeliveries', () => {
  test('HAR: each attempt is an entry with the request as sent, the dev server\'s answer and its timing', async () => {
    const attempt = {
      id: 'a1',
      at: '2026-01-15T12:00:05.000Z',
      target: 'http://localhost:3000/hook',
      mode: 'resign' as const,
      status: 401,
      durationMs: 37,
      error: null,
      responseHeaders: [['Content-Type', 'text/plain']] as Array<[string, string]>,
      responseBody: 'bad signature',
      request: {
        method: 'POST',
        url: 'http://localhost:3000/hook',
        headers: [['Host', 'localhost:3000'], ['X-BlackBox-Signature', '9f…(64)']] as Array<[string, string]>,
        bodySha256: 'cd'.repeat(32),
        bodySize: 120,
        body: '{"email":"«email @example.com»"}',
      },
    };
    const d = detail({ id: 'd1', attempts: [attempt, { ...attempt, id: 'a2', status: null, error: 'connection refused', request: null, responseHeaders: [], responseBody: '' }] });
    type Entry = {
      startedDateTime: string;
      time: number;
      timings: object;
      request: { url: string; headers: object[]; postData: { text: string } };
      response: { status: number; statusText: string; content: { text: string } };
      _hookscope: { bodySha256: string };
    };
    const har = JSON.parse((await exportDeliveries(storeWith(d), ['d1'], 'har')).text) as { log: { entries: Entry[] } };
    assert.equal(har.log.entries.length, 3, 'the delivery and its two attempts');
    const [, sent, refused] = har.log.entries;
    assert.equal(sent.startedDateTime, attempt.at);
    assert.equal(sent.time, 37);
    assert.deepEqual(sent.timings, { send: 0, wait: 37, receive: 0 });
    assert.equal(sent.request.url, 'http://localhost:3000/hook');
    assert.deepEqual(sent.request.headers[1], { name: 'X-BlackBox-Signature', value: '9f…(64)' });
    assert.equal(sent.request.postData.text, attempt.request.body);
    assert.equal(sent.response.status, 401);
    assert.equal(sent.response.content.text, 'bad signature');
    assert.equal(sent._hookscope.bodySha256, 'cd'.repeat(32));
    assert.equal(refused.response.status, 0);
    assert.equal(refused.response.statusText, 'connection refused');
  });

  const a = detail({ id: 'd1' });
  const b = detail({ id: 'd2', method: 'GET', path: '/hooks/blackbox', body: '', headers: [['Host', 'localhost:8787']], status: 401, verdict: 'rejected' });

  test('json is the array of DeliveryDetail', async () => {
    const { text } = await exportDeliveries(storeWith(a, b), ['d1', 'd2'], 'json');
    assert.deepEqual(JSON.parse(text), [a, b]);
  });

  test('har is HAR 1.2 with the redacted request and our answer', async () => {
    const { text } = await exportDeliveries(storeWith(a, b), ['d1', 'd2'], 'har');
    const har = JSON.parse(text);
    assert.equal(har.log.version, '1.2');
    assert.equal(har.log.creator.name, 'Hookscope');
    assert.equal(har.log.entries.length, 2);
    const [e1, e2] = har.log.entries;
    assert.equal(e1.startedDateTime, a.receivedAt);
    assert.equal(e1.request.method, 'POST');
    assert.equal(e1.request.url, 'https://abc.ngrok.app/hooks/blackbox?token=«redacted»');
    assert.deepEqual(e1.request.queryString, [{ name: 'token', value: '«redacted»' }]);
    assert.deepEqual(e1.request.headers[4], { name: 'X-BlackBox-Signature', value: '5bdcc1…(64)' });
    assert.deepEqual(e1.request.postData, { mimeType: 'application/json', text: a.body });
    assert.equal(e1.response.status, 200);
    assert.equal(e1.response.statusText, 'OK');
    assert.equal(e1._hookscope.checks[0].code, 'ok');
    assert.equal(e2.request.url, 'http://localhost:8787/hooks/blackbox');
    assert.equal(e2.request.postData, undefined);
    assert.equal(e2.response.status, 401);
    for (const key of ['cache', 'timings', 'time']) assert.ok(key in e1, key);
  });

  test('curl commands quote everything safely: a shell sees the exact arguments', async () => {
    const { text } = await exportDeliveries(storeWith(a, b), ['d1', 'd2'], 'curl');
    assert.match(text, /^# d1 · blackbox · 2026-01-15T12:00:00.000Z · verified/);
    // run the export with curl replaced by a function that prints its arguments
    const script = `curl() { printf '<%s>\\n' "$@"; echo ---; }\n${text}`;
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const [first, second] = r.stdout.split('---\n');
    assert.equal(
      first,
      [
        '-X', 'POST', 'https://abc.ngrok.app/hooks/blackbox?token=«redacted»',
        '-H', 'X-Forwarded-Proto: https',
        '-H', 'Content-Type: application/json',
        '-H', 'X-BlackBox-Signature: 5bdcc1…(64)',
        '--data-raw', a.body,
      ].map((x) => `<${x}>\n`).join(''),
    );
    assert.equal(second, ['-X', 'GET', 'http://localhost:8787/hooks/blackbox'].map((x) => `<${x}>\n`).join(''));
  });

  test('an unknown id names the field', async () => {
    await assert.rejects(
      () => exportDeliveries(storeWith(a), ['d1', 'nope'], 'json'),
      (e: unknown) => e instanceof HookscopeError && e.code === 'not_found' && e.message.startsWith('ids[1]: no delivery "nope"'),
    );
  });
});
