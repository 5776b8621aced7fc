/**
 * The workspace's live event stream, kept open: reopened with backoff (1 s doubling to 30 s) when it ends or
 * cannot open, given up only when the workspace refuses the token. A stream silent past 45 s (the server
 * sends a heartbeat every 15 s) is treated as gone: a laptop that slept wakes up to a dead socket.
 */
import type { HookscopeEvent } from '../../../shared/api';
import type { ApiConnection, Subscription } from '../cli/api-client';
import { ApiCallError } from '../cli/api-client';

export const STREAM_IDLE_MS = 45_000;
/** an open that gets no answer for this long is given up and tried again (a server that hung mid-handshake, a half-open socket) */
export const STREAM_OPEN_MS = 10_000;

export type StreamPhase = { phase: 'connecting'; retryInMs: number | null } | { phase: 'online' } | { phase: 'refused' };

export interface WorkspaceStream {
  stop(): void;
}

export function reopenDelayMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
}

export function openWorkspaceStream(connection: ApiConnection, onEvent: (event: HookscopeEvent) => void, onPhase: (phase: StreamPhase) => void): WorkspaceStream {
  let stopped = false;
  let subscription: Subscription | null = null;
  let wake: (() => void) | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stoppedSignal = new Promise<void>((resolve) => (wake = resolve));

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref?.();
      void stoppedSignal.then(resolve);
    });

  void (async () => {
    for (let attempt = 0; !stopped; ) {
      onPhase({ phase: 'connecting', retryInMs: null });
      try {
        subscription = await connection.subscribe((event) => {
          if (!stopped) onEvent(event);
        });
      } catch (error) {
        if (stopped) return;
        if (error instanceof ApiCallError && error.code === 'unauthorized') {
          onPhase({ phase: 'refused' });
          return;
        }
        const wait = reopenDelayMs(attempt++);
        onPhase({ phase: 'connecting', retryInMs: wait });
        await pause(wait);
        continue;
      }
      if (stopped) {
        subscription.close();
        return;
      }
      attempt = 0;
      onPhase({ phase: 'online' });
      await Promise.race([subscription.ended, stoppedSignal]);
      subscription = null;
      if (stopped) return;
      await pause(reopenDelayMs(0));
    }
  })();

  return {
    stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      subscription?.close();
      wake?.();
    },
  };
}
