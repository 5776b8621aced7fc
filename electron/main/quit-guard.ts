/**
 * Clean quit: the first `before-quit` is held back (preventDefault) until the core is disposed
 * (in-flight requests finished, database closed), then the app quits for real. A second quit request
 * while disposing is held too; a failure to dispose is reported and the app still quits.
 */
export function createQuitGuard(opts: {
  dispose(): Promise<void>;
  quit(): void;
  onError?(error: unknown): void;
}): (event: { preventDefault(): void }) => void {
  let state: 'running' | 'disposing' | 'done' = 'running';
  return (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'disposing') return;
    state = 'disposing';
    opts
      .dispose()
      .catch((error: unknown) => opts.onError?.(error))
      .finally(() => {
        state = 'done';
        opts.quit();
      });
  };
}
