/**
 * The list's search language on PostgreSQL, the same as on SQLite (store/sqlite/list-query.ts ftsQuery):
 * every whitespace-separated term must match, a term is matched as a phrase of its letters and digits,
 * and the last term of 3+ characters also matches as a prefix. Only letters and digits reach to_tsquery,
 * so no operator a user types gets through.
 */
export function tsQuery(q: string): string | null {
  const terms = q
    .split(/\s+/)
    .map((t) => ({ raw: t, words: (t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) as string[] }))
    .filter((t) => t.words.length > 0);
  if (terms.length === 0) return null;
  return terms
    .map((t, i) => {
      const words = [...t.words];
      if (i === terms.length - 1 && t.raw.length >= 3) words[words.length - 1] += ':*';
      return words.length === 1 ? words[0] : `(${words.join(' <-> ')})`;
    })
    .join(' & ');
}
