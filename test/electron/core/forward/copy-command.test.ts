/**
 * Copy as cURL / fetch / HTTPie: the command, run as printed, is accepted by a dev server verifying with the
 * official SDKs (re-signed at copy time, fresh timestamp); the secret never appears in it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { copyReplayCommand } from '../../../../electron/core/forward/copy-command';
import { createHttpSender } from '../../../../electron/core/forward/http-sender';
import { sendPreparedRequest } from '../../../../electron/core/forward/send-request';
import { defaultConfig } from '../../../../shared/config';
import { createRedactor } from '../../../../shared/redact';
import { capturedCases, observedIdentity, type CapturedCase } from '../../../helpers/captured-events';
import { nodeCryptoPort } from '../../../helpers/node-crypto-port';
import { chainSource, delivery, loopLookup } from './fixtures';
import { createMemoryStore } from './memory-store';
import { startSdkDevServer, type SdkDevServer } from './sdk-dev-server';

const run = promisify(execFile);
const PUBLIC = 'https://peer.ngrok.app';

describe('copy as cURL / fetch / HTTPie', () => {
  // captured an hour ago: only a fresh signature gets through
  const cases = capturedCases(Date.now() - 3600_000, PUBLIC);
  let sdk: SdkDevServer;
  before(async () => {
    sdk = await startSdkDevServer(cases, PUBLIC);
  });
  after(() => sdk.close());

  async function depsFor(c: CapturedCase) {
    const store = createMemoryStore();
    const u = new URL(c.url);
    await store.add(delivery({ id: 'd1', method: c.method, target: `${u.pathname}${u.search}`, headers: c.headers, rawBody: c.body }));
    return {
      store,
      clock: { now: () => Date.now() },
      crypto: nodeCryptoPort,
      getSource: () => chainSource({ id: 'src', provider: c.provider, ...(c.scheme ? { scheme: c.scheme } : {}), forward: { url: sdk.url(c) } }, [{ value: c.secret }]),
      allowRemoteTargets: () => false,
      lookup: loopLookup,
    };
  }

  for (const c of cases) {
    test(`${c.name}: the cURL and fetch commands run as printed and verify`, async () => {
      const deps = await depsFor(c);
      const curl = await copyReplayCommand(deps, { id: 'd1', format: 'curl', mode: 'resign' });
      assert.equal(curl.mode, 'resign');
      assert.ok(!curl.text.includes(c.secret), 'the secret is never printed');
      await run('sh', ['-c', `${curl.text.trim()} --silent --show-error --fail`], { timeout: 20_000 });
      const viaCurl = sdk.received.at(-1);
      assert.ok(viaCurl?.ok, viaCurl?.reason);
      assert.deepEqual(observedIdentity(c, viaCurl), c.identity);

      const fetchText = await copyReplayCommand(deps, { id: 'd1', format: 'fetch', mode: 'resign' });
      assert.ok(!fetchText.text.includes(c.secret));
      const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => () => Promise<void>;
      await new AsyncFunction(fetchText.text)();
      const viaFetch = sdk.received.at(-1);
      assert.ok(viaFetch?.ok && viaFetch !== viaCurl, viaFetch?.reason);

      assert.deepEqual(deps.store.auditLog.map((e) => [e.action, e.detail.format, e.detail.mode]), [['copy_command', 'curl', 'resign'], ['copy_command', 'fetch', 'resign']]);
    });
  }

  test('as json, sent by another instance (sendRequest): the re-signed request verifies at the dev server for every provider', async () => {
    const sender = createHttpSender({ maxSockets: 2 });
    try {
      for (const c of cases) {
        const deps = await depsFor(c);
        // the team server prepares (and audits) the request; the desktop sends it to its own localhost
        const { text } = await copyReplayCommand(deps, { id: 'd1', format: 'json', mode: 'resign' });
        assert.ok(!text.includes(c.secret), `${c.name}: the secret is never in the copy`);
        const request = JSON.parse(text) as { method: string; url: string; headers: Array<[string, string]>; body: string };
        const audited: string[] = [];
        const answer = await sendPreparedRequest(
          { sender, allowRemoteTargets: () => false, lookup: loopLookup, redactor: () => createRedactor(defaultConfig().redaction), audit: (action) => void audited.push(action) },
          request,
        );
        assert.ok(answer.status !== null && answer.status >= 200 && answer.status < 300, `${c.name}: ${answer.status} ${answer.error}`);
        const received = sdk.received.at(-1);
        assert.ok(received?.ok, `${c.name}: ${received?.reason}`);
        assert.deepEqual(observedIdentity(c, received), c.identity, `${c.name}: the event keeps its identity`);
        assert.deepEqual(audited, ['request_sent']);
      }
      await assert.rejects(
        sendPreparedRequest(
          { sender, allowRemoteTargets: () => false, lookup: loopLookup, redactor: () => createRedactor(defaultConfig().redaction), audit: () => undefined },
          { url: 'http://10.0.0.1/hook', method: 'POST', headers: [], body: '' },
        ),
        (e: unknown) => (e as { code?: string }).code === 'target_not_allowed',
      );
    } finally {
      sender.close();
    }
  });

  test('HTTPie: body sent raw, headers as Name:value, the secret absent', async () => {
    const c = cases.find((x) => x.name === 'github') as CapturedCase;
    const { text } = await copyReplayCommand(await depsFor(c), { id: 'd1', format: 'httpie', mode: 'resign' });
    assert.match(text, /^http --ignore-stdin \\\n {2}--raw '\{"ref"/);
    assert.match(text, /'X-GitHub-Event:create'/);
    assert.match(text, /'X-Hub-Signature-256:sha256=[0-9a-f]{64}'/);
    assert.ok(!text.includes(c.secret));
  });

  test('an unknown format is refused by name', async () => {
    const c = cases[0];
    await assert.rejects(copyReplayCommand(await depsFor(c), { id: 'd1', format: 'powershell' as 'curl' }), /format: must be one of curl, fetch, httpie, json/);
  });
});
