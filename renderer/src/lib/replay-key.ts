/** Whether the `r` shortcut may start a replay: not on auto-repeat, not while a replay is running. */
export function replayKeyAllowed(event: { repeat: boolean }, replaying: boolean): boolean {
  return !event.repeat && !replaying;
}
