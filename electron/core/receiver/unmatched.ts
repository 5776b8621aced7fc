/** A request to a path that matches no source: 404, still recorded ("unmatched"), since a typo in
 *  the provider's dashboard is a common bug. */
import type { CheckResult } from '../../../shared/checks';

export function unmatchedChecks(path: string, knownIds: string[]): CheckResult[] {
  const hint = knownIds.length
    ? `Configured sources receive at ${knownIds.map((id) => `/hooks/${id}`).join(', ')}: fix the URL in the provider's dashboard.`
    : 'No source is configured yet: add one in Settings, then use its URL.';
  return [
    {
      id: 'payload',
      outcome: 'fail',
      code: 'unmatched_path',
      summary: `No source receives at ${path}. ${hint}`,
      detail: { path, knownPaths: knownIds.map((id) => `/hooks/${id}`) },
      diagnosis: [],
    },
  ];
}
