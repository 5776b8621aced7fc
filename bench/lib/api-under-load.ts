/** Calls getStatus back to back while something else runs; returns the latencies' p50 and p99. */
export async function pollApiWhile<T>(uiUrl: string, during: Promise<T>): Promise<{ result: T; p50: number; p99: number; calls: number }> {
  const url = new URL(uiUrl);
  const token = url.searchParams.get('token') ?? '';
  const times: number[] = [];
  let done = false;
  const finished = during.finally(() => {
    done = true;
  });
  while (!done) {
    const started = performance.now();
    const res = await fetch(`${url.origin}/api/getStatus`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    await res.arrayBuffer();
    times.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 20));
  }
  const sorted = times.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
  return { result: await finished, p50: at(0.5), p99: at(0.99), calls: sorted.length };
}
