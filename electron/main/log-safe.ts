/**
 * What the main process may log about an unexpected error: its name and stack frames, never its
 * message (a message can quote a request body, a header or a secret).
 */
export function describeErrorForLog(error: unknown): string {
  if (!(error instanceof Error)) return `a thrown ${error === null ? 'null' : typeof error}`;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 8);
  return [error.name, ...frames].join('\n');
}
