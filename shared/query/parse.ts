/**
 * Query text → syntax tree. Grammar: or := and (OR and)* ; and := unary ((AND)? unary)* ;
 * unary := (NOT | -) unary | '(' or ')' | term. Side-by-side terms mean AND.
 */
import type { ParsedQuery, QueryError, QueryNode } from './ast';
import { toTerm } from './terms';
import { tokenize, type Token } from './tokenize';

class ParseFailure {
  constructor(readonly error: QueryError) {}
}

export const MAX_QUERY_LENGTH = 500;

export function parseQuery(text: string): ParsedQuery {
  if (text.length > MAX_QUERY_LENGTH) return { ok: false, error: { at: MAX_QUERY_LENGTH, message: `the query is longer than ${MAX_QUERY_LENGTH} characters: shorten it` } };
  const lexed = tokenize(text);
  if (!lexed.ok) return lexed;
  const tokens = lexed.tokens;
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const stop = (at: number, message: string): never => {
    throw new ParseFailure({ at, message });
  };

  function parseOr(): QueryNode | null {
    const items: QueryNode[] = [];
    let first = parseAnd();
    if (first) items.push(first);
    while (peek()?.t === 'OR') {
      const op = tokens[pos++];
      if (first === undefined) stop(op.at, 'OR needs a term before it');
      const next = parseAnd();
      if (next === undefined) stop(op.at, 'OR needs a term after it');
      if (next) items.push(next);
      first = next;
    }
    return items.length === 0 ? null : items.length === 1 ? items[0] : { kind: 'or', items };
  }

  // undefined: no term at all here; null: terms that match everything (dropped)
  function parseAnd(): QueryNode | null | undefined {
    const items: QueryNode[] = [];
    let any = false;
    for (;;) {
      const tok = peek();
      if (!tok || tok.t === ')' || tok.t === 'OR') break;
      if (tok.t === 'AND') {
        pos++;
        if (!any) stop(tok.at, 'AND needs a term before it');
        const after = peek();
        if (!after || after.t === ')' || after.t === 'OR' || after.t === 'AND') stop(tok.at, 'AND needs a term after it');
        continue;
      }
      const node = parseUnary();
      any = true;
      if (node) items.push(node);
    }
    if (!any) return undefined;
    return items.length === 0 ? null : items.length === 1 ? items[0] : { kind: 'and', items };
  }

  function parseUnary(): QueryNode | null {
    const tok = tokens[pos++];
    if (tok.t === 'NOT') {
      const next = peek();
      if (!next || next.t === ')' || next.t === 'OR' || next.t === 'AND') stop(tok.at, 'NOT (or -) needs a term after it');
      const item = parseUnary();
      return item ? { kind: 'not', item } : null;
    }
    if (tok.t === '(') {
      const inner = parseOr();
      const close = tokens[pos++];
      if (!close || close.t !== ')') stop(tok.at, 'this ( is not closed: add a )');
      return inner;
    }
    if (tok.t === ')') return stop(tok.at, 'this ) has no matching (');
    if (tok.t !== 'word') return stop(tok.at, `${tok.t} needs a term before it`);
    const result = toTerm(tok.key, tok.value, tok.quoted, tok.at, tok.end === text.length);
    if (!result.ok) throw new ParseFailure(result.error);
    return result.term;
  }

  try {
    const node = parseOr();
    const rest = peek();
    if (rest) stop(rest.at, rest.t === ')' ? 'this ) has no matching (' : `unexpected ${rest.t}`);
    return { ok: true, node };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    throw e;
  }
}
