/**
 * Issue 10, "Done when": nobody with the public URL can fill the disk. Junk (rate-limited) is counted,
 * never stored with its body; bodies of badly signed requests stay within storage.rejectedBudgetMB.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startFixture, type Fixture } from '../../../helpers/serve-fixture';

const MB = 1024 * 1024;
// random filler: display rows keep raw copies compressed (key-ring v2), and a flood need not be compressible
const BODY = Buffer.from(JSON.stringify({ event: 'x', filler: randomBytes(750_000).toString('base64') }).slice(0, 1_000_000));

function dirBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const s = statSync(join(dir, name));
    total += s.isDirectory() ? dirBytes(join(dir, name)) : s.size;
  }
  return total;
}

async function flood(url: string, count: number, headers: Record<string, string>): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next++;
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: BODY });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return statuses;
}

/** the directory settles once the deriver caught up and the WAL was checkpointed and cut back */
async function settledGrowth(fx: Fixture, sourceId: string, total: number, start: number, bound: number): Promise<number> {
  const deadline = Date.now() + 60_000;
  let growth = Infinity;
  while (Date.now() < deadline) {
    const page = await fx.api('listDeliveries', { sourceId, limit: 1 });
    growth = dirBytes(fx.dataDir) - start;
    if (page.total >= total && growth < bound) return growth;
    await new Promise((r) => setTimeout(r, 250));
  }
  return growth;
}

let fx: Fixture;
before(async () => {
  fx = await startFixture(
    {
      sources: [
        { id: 'limited', provider: 'blackbox', secrets: ['env:BB'], rateLimit: { max: 5, windowSeconds: 3600 } },
        { id: 'signed', provider: 'blackbox', secrets: ['env:BB'], rateLimit: null },
      ],
      storage: { rejectedBudgetMB: 20 },
    },
    { BB: 'blackbox-secret-0123456789abcdef01234' },
  );
});
after(() => fx.close());

test('1,000 × 1 MB to a rate-limited source: answered, counted, listed — the data directory grows by less than 10 MB', async () => {
  const start = dirBytes(fx.dataDir);
  const statuses = await flood(`${fx.receiver}/hooks/limited`, 1000, { 'x-blackbox-signature': '00'.repeat(32) });
  // 5 an hour: however slow the machine, the flood stays inside one window, so exactly 5 get through
  // (their bodies are kept within the rejected budget; the other 995 are metadata only)
  const refused = statuses.get(429) ?? 0;
  assert.equal(refused, 995, JSON.stringify([...statuses]));
  assert.equal((statuses.get(401) ?? 0) + refused, 1000, JSON.stringify([...statuses]));
  const growth = await settledGrowth(fx, 'limited', 1000, start, 10 * MB);
  assert.ok(growth < 10 * MB, `grew by ${(growth / MB).toFixed(1)} MB`);
  const page = await fx.api('listDeliveries', { sourceId: 'limited', limit: 1 });
  assert.equal(page.total, 1000, 'every request is listed (metadata only)');
  const junk = await fx.api('getDelivery', { id: page.items[0].id });
  assert.equal(junk.rawAvailable, false);
  assert.equal(junk.checks.find((c) => c.id === 'rate-limit')?.code, 'exceeded');
  // the rate limit short-circuits the chain: no HMAC was computed
  assert.equal(junk.checks.find((c) => c.id === 'signature')?.code, 'rate_limited');
});

test('storage.rejectedBudgetMB 20: 100 × 1 MB badly signed requests grow it by less than 30 MB; the newest bodies are kept', async () => {
  const start = dirBytes(fx.dataDir);
  const statuses = await flood(`${fx.receiver}/hooks/signed`, 100, { 'x-blackbox-signature': '00'.repeat(32) });
  assert.equal(statuses.get(401), 100, JSON.stringify([...statuses]));
  const growth = await settledGrowth(fx, 'signed', 100, start, 30 * MB);
  assert.ok(growth < 30 * MB, `grew by ${(growth / MB).toFixed(1)} MB: ${readdirSync(fx.dataDir).map((n) => `${n} ${(statSync(join(fx.dataDir, n)).size / MB).toFixed(1)}`).join(', ')}`);
  const page = await fx.api('listDeliveries', { sourceId: 'signed', limit: 100 });
  assert.equal(page.total, 100, 'rows and codes stay when bodies go');
  const kept = [];
  for (const item of page.items) kept.push((await fx.api('getDelivery', { id: item.id })).rawAvailable);
  const keptCount = kept.filter(Boolean).length;
  assert.ok(keptCount > 0 && keptCount < 30, `${keptCount} bodies kept`);
  // newest first in the list: the kept ones are the newest
  assert.deepEqual(kept, [...Array(keptCount).fill(true), ...Array(100 - keptCount).fill(false)]);
});
