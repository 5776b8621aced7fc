/**
 * The delivery query language (shared/query) compiled to SQLite: every condition is a bound
 * parameter, so no user text becomes SQL. Free-text terms of the top-level AND become one FTS5 MATCH
 * that drives the scan; text inside OR / NOT becomes a rowid set from the same index.
 */
import { resolveTimePoint, type QueryNode, type QueryTerm } from '../../../../shared/query';

export interface CompiledQuery {
  /** FTS5 expression for the top-level text terms, or null */
  match: string | null;
  /** conditions on `d` (deliveries), all to be ANDed */
  where: string[];
  params: Array<string | number>;
}

/** free text as a condition on the deliveries table (inside OR / NOT, and when the table drives the scan) */
export const TEXT_ROWS = 'd.seq IN (SELECT rowid FROM deliveries_fts WHERE deliveries_fts MATCH ?)';

/** A user glob (`*` = any run) as a GLOB pattern over lower-cased text: its other GLOB characters are literal. */
export function toGlob(pattern: string): string {
  return pattern.toLowerCase().replace(/[[\]?]/g, (c) => `[${c}]`);
}

/** One FTS5 string per text term; the word being typed also matches as a prefix (3+ characters). */
export function ftsString(term: Extract<QueryTerm, { kind: 'text' }>): string {
  return `"${term.text.replace(/"/g, '""')}"${term.prefix && term.text.length >= 3 ? '*' : ''}`;
}

function jsonPath(path: Array<string | number>): string {
  return '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : `."${p}"`)).join('');
}

/** text compared with a user value: GLOB when it has a *, else equality; both ignore case */
function matchText(expr: string, value: string, params: Array<string | number>): string {
  if (value.includes('*')) {
    params.push(toGlob(value));
    return `lower(${expr}) GLOB ?`;
  }
  params.push(value.toLowerCase());
  return `lower(${expr}) = ?`;
}

function termSql(term: QueryTerm, params: Array<string | number>, now: number): string {
  switch (term.kind) {
    case 'text':
      params.push(ftsString(term));
      return TEXT_ROWS;
    case 'status':
      params.push(term.min, term.max);
      return 'd.status BETWEEN ? AND ?';
    case 'verdict':
      params.push(term.verdict);
      return 'd.verdict = ?';
    case 'failed':
      params.push(term.check);
      return 'EXISTS (SELECT 1 FROM delivery_failures x WHERE x.check_id = ? AND x.delivery_seq = d.seq)';
    case 'source':
      if (term.pattern.toLowerCase() === 'unmatched') return 'd.source_id IS NULL';
      return matchText('d.source_id', term.pattern, params);
    case 'type':
      return matchText('d.event_type', term.pattern, params);
    case 'header': {
      // the LIKE (ASCII case-insensitive) skips rows without the name before any JSON is parsed
      params.push(`%"${term.name.replace(/[%_\\]/g, '\\$&')}"%`, term.name);
      const value = term.value === null ? '' : ' AND ' + matchText("json_extract(h.value, '$[1]')", term.value, params);
      return `(d.headers_redacted LIKE ? ESCAPE '\\' AND EXISTS (SELECT 1 FROM json_each(d.headers_redacted) h WHERE lower(json_extract(h.value, '$[0]')) = ?${value}))`;
    }
    case 'body': {
      const last = term.path[term.path.length - 1];
      const cond: string[] = [];
      if (typeof last === 'string') {
        params.push(`%"${last.replace(/[%_\\]/g, '\\$&')}"%`);
        cond.push("d.body_redacted LIKE ? ESCAPE '\\'");
      }
      // CASE: json_* raise on a body that is not JSON, and AND does not promise an evaluation order
      params.push(jsonPath(term.path));
      cond.push('CASE WHEN json_valid(d.body_redacted) THEN json_type(d.body_redacted, ?) END IS NOT NULL');
      if (term.value !== null) {
        params.push(jsonPath(term.path));
        cond.push(matchText('CASE WHEN json_valid(d.body_redacted) THEN CAST(json_extract(d.body_redacted, ?) AS TEXT) END', term.value, params));
      }
      return `(${cond.join(' AND ')})`;
    }
    case 'time':
      params.push(resolveTimePoint(term.point, now));
      return term.op === 'after' ? 'd.received_at >= ?' : 'd.received_at < ?';
    case 'dup':
      return term.duplicate ? 'd.duplicate_of IS NOT NULL' : 'd.duplicate_of IS NULL';
  }
}

function nodeSql(node: QueryNode, params: Array<string | number>, now: number): string {
  switch (node.kind) {
    case 'and':
      return `(${node.items.map((n) => nodeSql(n, params, now)).join(' AND ')})`;
    case 'or':
      return `(${node.items.map((n) => nodeSql(n, params, now)).join(' OR ')})`;
    case 'not':
      // NULL columns (no event type, no source) count as "not matching", so NOT keeps those rows
      return `(${nodeSql(node.item, params, now)}) IS NOT 1`;
    default:
      return termSql(node, params, now);
  }
}

export function compileQuery(node: QueryNode | null, now: number): CompiledQuery {
  const out: CompiledQuery = { match: null, where: [], params: [] };
  if (!node) return out;
  const top = node.kind === 'and' ? node.items : [node];
  const texts = top.filter((n): n is Extract<QueryTerm, { kind: 'text' }> => n.kind === 'text');
  if (texts.length) out.match = texts.map(ftsString).join(' ');
  for (const n of top) if (n.kind !== 'text') out.where.push(nodeSql(n, out.params, now));
  return out;
}
