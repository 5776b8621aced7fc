/** `hookscope mcp` driven by the official MCP client (Client + StdioClientTransport) against a real `serve`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startChildServe } from '../../../helpers/child-serve';

const SECRET = 'mcp-test-secret-0123456789';
const EMAIL = 'ada.lovelace@example.org';

async function connect(args: string[]): Promise<Client> {
  const client = new Client({ name: 'hookscope-test', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: ['bin/hookscope.mjs', 'mcp', ...args], stderr: 'ignore' }));
  return client;
}

function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  const content = result.content as Array<{ type: string; text: string }>;
  return content.map((c) => c.text).join('\n');
}

test('an MCP client lists the six tools and reads deliveries, explanations and redacted bodies of a running instance', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-mcp-'));
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ sources: [{ id: 'gh', provider: 'github', secrets: ['env:GH_SECRET'] }] }));
  const serve = await startChildServe(['--data-dir', dir, '--config', config], { GH_SECRET: SECRET });
  const clients: Client[] = [];
  try {
    const body = JSON.stringify({ ref: 'refs/heads/main', pusher: { email: EMAIL } });
    const res = await fetch(`${serve.receiver}/hooks/gh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': 'd-1', 'x-hub-signature-256': `sha256=${createHmac('sha256', 'not-the-secret').update(body).digest('hex')}` },
      body,
    });
    assert.equal(res.status, 401);

    const client = await connect(['--data-dir', dir]);
    clients.push(client);
    const tools = await client.listTools();
    assert.deepEqual(tools.tools.map((t) => t.name).sort(), ['explain_delivery', 'get_delivery', 'list_deliveries', 'list_sources', 'replay_delivery', 'send_test_event']);
    for (const tool of tools.tools) assert.equal(tool.inputSchema.type, 'object', tool.name);
    assert.ok(!('raw' in (tools.tools.find((t) => t.name === 'get_delivery')!.inputSchema.properties ?? {})), 'no raw option without --allow-raw');

    const sources = JSON.parse(textOf(await client.callTool({ name: 'list_sources', arguments: {} }))) as { sources: Array<{ id: string; provider: string }> };
    assert.deepEqual(sources.sources.map((s) => [s.id, s.provider]), [['gh', 'github']]);

    const listed = JSON.parse(textOf(await client.callTool({ name: 'list_deliveries', arguments: { query: 'verdict:rejected' } }))) as { deliveries: Array<{ id: string; failingCheck: { id: string; code: string } }> };
    assert.equal(listed.deliveries.length, 1);
    assert.deepEqual(listed.deliveries[0].failingCheck, { id: 'signature', code: 'no_matching_signature' });
    const id = listed.deliveries[0].id;

    const explained = textOf(await client.callTool({ name: 'explain_delivery', arguments: { id } }));
    assert.match(explained, /Verdict: rejected: signature failed \(no_matching_signature\)/);
    assert.match(explained, /FAIL +signature +no_matching_signature: /);
    assert.match(explained, /Next: fix the signature check first/);

    const detail = textOf(await client.callTool({ name: 'get_delivery', arguments: { id } }));
    assert.ok(!detail.includes(EMAIL), 'the body is redacted');
    assert.ok(!detail.includes('"raw"'));

    const sent = textOf(await client.callTool({ name: 'send_test_event', arguments: { source: 'gh' } }));
    assert.match(sent, /Verdict: verified/);
    const bad = await client.callTool({ name: 'explain_delivery', arguments: { id: 'dlv_missing' } });
    assert.equal(bad.isError, true);
    assert.match(textOf(bad), /No delivery with id dlv_missing/);

    const rawClient = await connect(['--data-dir', dir, '--allow-raw']);
    clients.push(rawClient);
    const raw = textOf(await rawClient.callTool({ name: 'get_delivery', arguments: { id, raw: true } }));
    assert.ok(raw.includes(EMAIL), 'with --allow-raw and raw: true the raw body is returned');
  } finally {
    for (const c of clients) await c.close();
    serve.child.kill('SIGTERM');
    await serve.exited;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the MCP server starts without an instance and says in the tool answer how to start one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-mcp-none-'));
  const client = await connect(['--data-dir', dir]);
  try {
    const result = await client.callTool({ name: 'list_sources', arguments: {} });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /no Hookscope is running on .*: start one with `hookscope serve --data-dir/);
  } finally {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
