/**
 * Live events across replicas: one LISTEN connection per process hears every replica's committed
 * appends and team config saves (NOTIFY is sent inside their transaction, so it arrives only after
 * the commit). If the
 * connection drops, it reconnects with backoff and then fires once, so listeners catch up on anything
 * committed while it was away.
 */
import pg from 'pg';
import { APPENDED_CHANNEL, CONFIG_CHANNEL } from './locks';

export interface AppendWatcher {
  /** listener gets the highest seq known committed (or null after a reconnect: look again) */
  onAppended(listener: (lastSeq: number | null) => void): () => void;
  /** listener gets the team config's new version (or null after a reconnect: look again) */
  onConfigChanged(listener: (version: number | null) => void): () => void;
  close(): Promise<void>;
}

export async function watchAppends(url: string, onError: (message: string) => void = () => undefined): Promise<AppendWatcher> {
  const listeners = new Set<(lastSeq: number | null) => void>();
  const configListeners = new Set<(version: number | null) => void>();
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = 250;
  let retryTimer: NodeJS.Timeout | null = null;

  const fire = (seq: number | null, to: Set<(n: number | null) => void> = listeners) => {
    for (const l of to) {
      try {
        l(seq);
      } catch {
        // one failing listener must not starve the others
      }
    }
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, application_name: 'hookscope-listen' });
    c.on('notification', (msg) => {
      const n = msg.payload ? Number(msg.payload) : null;
      if (msg.channel === APPENDED_CHANNEL) fire(n);
      else if (msg.channel === CONFIG_CHANNEL) fire(n, configListeners);
    });
    c.on('error', () => reconnect());
    c.on('end', () => reconnect());
    await c.connect();
    await c.query(`LISTEN ${APPENDED_CHANNEL}; LISTEN ${CONFIG_CHANNEL}`);
    client = c;
    retryMs = 250;
  };

  const reconnect = () => {
    if (closed || retryTimer) return;
    const old = client;
    client = null;
    old?.removeAllListeners();
    old?.end().catch(() => undefined);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect().then(
        () => {
          fire(null);
          fire(null, configListeners);
        },
        () => {
          onError('the PostgreSQL LISTEN connection is down: live events from other replicas wait until it is back');
          retryMs = Math.min(retryMs * 2, 10_000);
          reconnect();
        },
      );
    }, retryMs);
    retryTimer.unref();
  };

  await connect();
  return {
    onAppended(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConfigChanged(listener) {
      configListeners.add(listener);
      return () => configListeners.delete(listener);
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      listeners.clear();
      configListeners.clear();
      const c = client;
      client = null;
      c?.removeAllListeners();
      await c?.end().catch(() => undefined);
    },
  };
}
