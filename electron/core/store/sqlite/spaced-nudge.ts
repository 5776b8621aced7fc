/**
 * A nudge to another thread (the deriver) sent at most once per window, and never lost: a request
 * inside the window is sent once the window ends. Each nudge is a message to a worker (a copy, a
 * wake-up of its thread); under load the journal settles hundreds of small batches a second and the
 * deriver, which waits DERIVE_DELAY_MS after a nudge and then reads every committed row, needs one
 * per window. Every commit is still followed by a nudge sent after it.
 */
export interface SpacedNudge {
  (): void;
  cancel(): void;
}

export function spacedNudge(send: () => void, windowMs: number, now: () => number = Date.now): SpacedNudge {
  let last = -Infinity;
  let timer: NodeJS.Timeout | null = null;
  const fire = (): void => {
    timer = null;
    last = now();
    send();
  };
  const nudge = (): void => {
    if (timer) return; // a nudge is already due at the end of this window
    const wait = last + windowMs - now();
    if (wait <= 0) return fire();
    timer = setTimeout(fire, wait);
    timer.unref();
  };
  nudge.cancel = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return nudge;
}
