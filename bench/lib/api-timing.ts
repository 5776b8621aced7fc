/** Times list and full-text search through the real local API (median of repeated calls). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function timeApi(uiUrl: string): Promise<{ firstPageMs: number; searchMs: number; timelineMs: number }> {
  const url = new URL(uiUrl);
  const token = url.searchParams.get('token') ?? '';
  const call = async (method: string, args: unknown): Promise<number> => {
    const started = performance.now();
    const res = await fetch(`${url.origin}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    const json = (await res.json()) as { ok: boolean };
    if (!json.ok) throw new Error(`${method} failed: ${JSON.stringify(json)}`);
    return performance.now() - started;
  };
  const first: number[] = [];
  const search: number[] = [];
  for (let i = 0; i < 15; i++) first.push(await call('listDeliveries', { limit: 50 }));
  for (let i = 0; i < 15; i++) search.push(await call('listDeliveries', { q: i % 2 ? 'appointment' : 'CompletedWebHookPayload', limit: 50 }));
  // the Inspector's timeline: every delivery, then a filtered query (counted in SQLite on the main side)
  const timeline: number[] = [];
  for (let i = 0; i < 15; i++) timeline.push(await call('getTimeline', i % 2 ? { q: 'verdict:verified', maxBuckets: 60 } : { maxBuckets: 60 }));
  return { firstPageMs: median(first), searchMs: median(search), timelineMs: median(timeline) };
}
