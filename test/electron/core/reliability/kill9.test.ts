/** docs/architecture.md "Reliability and security guarantees": kill -9 during sustained ingest, restart — every delivery that got a 2xx is there. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blackboxEvent } from '../../../helpers/blackbox-event';
import { apiCall, startChildServe } from '../../../helpers/child-serve';

const SECRET = 'kill9-secret-0123456789abcdef0123456';

test('SIGKILL in the middle of sustained ingest loses no acknowledged delivery', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-kill9-'));
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ sources: [{ id: 'blackbox', provider: 'blackbox', secrets: ['env:BB'], rateLimit: null }] }));
  const env = { BB: SECRET, HOOKSCOPE_DATA_KEY: Buffer.alloc(32, 9).toString('base64') };
  try {
    const first = await startChildServe(['--config', config, '--data-dir', dir], env);
    const acknowledged: string[] = [];
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const e = blackboxEvent(SECRET);
        try {
          const res = await fetch(`${first.receiver}/hooks/blackbox`, { method: 'POST', headers: e.headers, body: e.body });
          const id = res.headers.get('x-hookscope-delivery-id');
          await res.arrayBuffer();
          if (res.status >= 200 && res.status < 300 && id) acknowledged.push(id);
        } catch {
          // the process is gone: requests in flight get no answer, and were not acknowledged
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    // Kill only once ingest is well under way.
    while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 10));
    first.child.kill('SIGKILL');
    await first.exited;
    stop = true;
    await Promise.all(workers);
    assert.ok(acknowledged.length >= 300);

    const second = await startChildServe(['--config', config, '--data-dir', dir], env);
    try {
      const stored = new Set<string>();
      let before: string | undefined;
      for (;;) {
        const page = await apiCall<{ items: Array<{ id: string }>; next?: string }>(second.ui, 'listDeliveries', { limit: 500, ...(before ? { before } : {}) });
        page.items.forEach((i) => stored.add(i.id));
        if (!page.next) break;
        before = page.next;
      }
      const missing = acknowledged.filter((id) => !stored.has(id));
      assert.deepEqual(missing, [], `${missing.length} of ${acknowledged.length} acknowledged deliveries were lost`);
    } finally {
      second.child.kill('SIGTERM');
      assert.equal(await second.exited, 0, 'SIGTERM stops cleanly with exit code 0');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
