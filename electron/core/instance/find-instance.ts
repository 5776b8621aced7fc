/**
 * Finds the live Hookscope of a data directory: instance.json names it, and it must answer getStatus with
 * its token. A file whose process is gone, or whose server does not answer, is stale (a crash leaves one).
 */
import { type InstanceInfo, readInstanceFile } from './instance-file';

export type FoundInstance = { ok: true; info: InstanceInfo } | { ok: false; reason: string };

/** true when the API at ui answers getStatus with this token */
export async function instanceAnswers(ui: string, token: string, timeoutMs = 3000): Promise<boolean> {
  try {
    const res = await fetch(`${ui}/api/getStatus`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json()) as { ok?: unknown };
    return res.status === 200 && body.ok === true;
  } catch {
    return false;
  }
}

export async function findInstance(dataDir: string): Promise<FoundInstance> {
  const found = readInstanceFile(dataDir);
  switch (found.state) {
    case 'missing':
      return { ok: false, reason: `no Hookscope is running on ${dataDir} (no instance.json)` };
    case 'stale':
      return { ok: false, reason: `no Hookscope is running on ${dataDir} (instance.json names pid ${found.pid}, which has exited)` };
    case 'invalid':
      return { ok: false, reason: `${dataDir}/instance.json is unusable: ${found.reason}` };
    case 'found':
      if (await instanceAnswers(found.info.ui, found.info.token)) return { ok: true, info: found.info };
      return { ok: false, reason: `the Hookscope named by ${dataDir}/instance.json (pid ${found.info.pid}) does not answer at ${found.info.ui}` };
  }
}
