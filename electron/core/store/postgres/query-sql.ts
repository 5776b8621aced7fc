/**
 * The delivery query language (shared/query) compiled to PostgreSQL — the same language SQLite's
 * store/sqlite/query-sql.ts compiles. Every condition is a bound parameter; free text goes through
 * the stored tsvector (GIN index) as a to_tsquery built from letters and digits only,
 * so no operator a user types reaches SQL or tsquery syntax.
 */
import type { QueryNode, QueryTerm, TimePoint } from '../../../../shared/query';

/** appends a value to the parameter list and returns its placeholder */
export type Param = (value: unknown) => string;

/** A user glob (`*` = any run) as a LIKE pattern over lower-cased text: LIKE's own characters are literal. */
export function toLike(pattern: string): string {
  return pattern.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`).replace(/\*/g, '%');
}

function resolveTime(point: TimePoint, now: number): number {
  return 'at' in point ? point.at : now - point.ago;
}

/** text compared with a user value: LIKE when it has a *, else equality; both ignore case */
function matchText(expr: string, value: string, param: Param): string {
  if (value.includes('*')) return `lower(${expr}) LIKE ${param(toLike(value))}`;
  return `lower(${expr}) = ${param(value.toLowerCase())}`;
}

/** a text term as tsquery: the phrase of its words (split like the index), the word being typed also as a prefix (3+ characters) */
function textQuery(term: Extract<QueryTerm, { kind: 'text' }>): string | null {
  const words = (term.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) as string[];
  if (words.length === 0) return null;
  if (term.prefix && term.text.length >= 3) words[words.length - 1] += ':*';
  return words.join(' <-> ');
}

function termSql(term: QueryTerm, param: Param, now: number): string {
  switch (term.kind) {
    case 'text': {
      const q = textQuery(term);
      // punctuation only: nothing a word index can find
      return q === null ? 'false' : `d.search @@ to_tsquery('simple', ${param(q)})`;
    }
    case 'status':
      return `d.status BETWEEN ${param(term.min)} AND ${param(term.max)}`;
    case 'verdict':
      return `d.verdict = ${param(term.verdict)}`;
    case 'failed':
      return `d.failed ? ${param(term.check)}`;
    case 'source':
      if (term.pattern.toLowerCase() === 'unmatched') return 'd.source_id IS NULL';
      return matchText('d.source_id', term.pattern, param);
    case 'type':
      return matchText('d.event_type', term.pattern, param);
    case 'header': {
      const value = term.value === null ? '' : ' AND ' + matchText('h.value->>1', term.value, param);
      return `EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN d.headers_redacted IS NULL THEN '[]'::jsonb ELSE d.headers_redacted::jsonb END) h(value)
        WHERE lower(h.value->>0) = ${param(term.name.toLowerCase())}${value})`;
    }
    case 'body': {
      // a body that is not JSON has no paths: the CASE keeps the cast from raising
      const path = param(term.path.map(String));
      const json = `(CASE WHEN d.body_redacted IS JSON THEN d.body_redacted::jsonb END)`;
      const exists = `${json} #> ${path}::text[] IS NOT NULL`;
      if (term.value === null) return `(${exists})`;
      return `(${exists} AND ${matchText(`${json} #>> ${path}::text[]`, term.value, param)})`;
    }
    case 'time':
      return term.op === 'after' ? `d.received_at >= ${param(resolveTime(term.point, now))}` : `d.received_at < ${param(resolveTime(term.point, now))}`;
    case 'dup':
      return term.duplicate ? 'd.duplicate_of IS NOT NULL' : 'd.duplicate_of IS NULL';
  }
}

/** one SQL condition on `d` (deliveries) for the whole query; null for an empty query */
export function compileQueryPg(node: QueryNode | null, param: Param, now: number): string | null {
  if (!node) return null;
  const sql = (n: QueryNode): string => {
    switch (n.kind) {
      case 'and':
        return `(${n.items.map(sql).join(' AND ')})`;
      case 'or':
        return `(${n.items.map(sql).join(' OR ')})`;
      case 'not':
        // NULL columns (no event type, no source) count as "not matching", so NOT keeps those rows
        return `((${sql(n.item)}) IS NOT TRUE)`;
      default:
        return termSql(n, param, now);
    }
  };
  return sql(node);
}
