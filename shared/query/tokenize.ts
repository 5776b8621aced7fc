/** Splits query text into words, parentheses and the operators AND / OR / NOT / leading "-". */
import type { QueryError } from './ast';

export type Token =
  | { t: '(' | ')' | 'AND' | 'OR' | 'NOT'; at: number }
  | {
      t: 'word';
      at: number;
      end: number;
      /** text before the first unquoted colon (the field name), null for a plain word or phrase */
      key: string | null;
      /** the value (after the colon) or the whole word, quotes removed */
      value: string;
      /** some of the value was quoted: a phrase, and never an operator */
      quoted: boolean;
    };

const OPERATORS = new Set(['AND', 'OR', 'NOT']);

export function tokenize(text: string): { ok: true; tokens: Token[] } | { ok: false; error: QueryError } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ t: c, at: i });
      i++;
      continue;
    }
    // "-term" negates; a lone "-" is just a character to search for
    if (c === '-' && i + 1 < text.length && !/[\s)]/.test(text[i + 1])) {
      tokens.push({ t: 'NOT', at: i });
      i++;
      continue;
    }
    const start = i;
    let value = '';
    let key: string | null = null;
    let quoted = false;
    while (i < text.length && !/[\s()]/.test(text[i])) {
      const ch = text[i];
      if (ch === '"') {
        const open = i;
        i++;
        let closed = false;
        while (i < text.length) {
          if (text[i] === '\\' && i + 1 < text.length) {
            value += text[i + 1];
            i += 2;
          } else if (text[i] === '"') {
            closed = true;
            i++;
            break;
          } else value += text[i++];
        }
        if (!closed) return { ok: false, error: { at: open, message: 'a quote is not closed: add the closing "' } };
        quoted = true;
        continue;
      }
      if (ch === ':' && key === null && !quoted) {
        key = value;
        value = '';
        i++;
        continue;
      }
      value += ch;
      i++;
    }
    if (key === null && !quoted && OPERATORS.has(value)) tokens.push({ t: value as 'AND' | 'OR' | 'NOT', at: start });
    else tokens.push({ t: 'word', at: start, end: i, key, value, quoted });
  }
  return { ok: true, tokens };
}
