/** Autocomplete for the query bar: the word at the caret → fields, or values of the field being typed. */
import { QUERY_FIELDS } from '../../../shared/query';

export interface Suggestion {
  /** what replaces the word at the caret */
  insert: string;
  label: string;
  help: string;
}

export interface SuggestContext {
  sources: readonly string[];
}

export interface Suggestions {
  /** the range of the word the suggestion replaces */
  from: number;
  to: number;
  items: Suggestion[];
}

export function suggest(text: string, caret: number, context: SuggestContext): Suggestions {
  let from = caret;
  while (from > 0 && !/[\s()]/.test(text[from - 1])) from--;
  let to = caret;
  while (to < text.length && !/[\s()]/.test(text[to])) to++;
  const word = text.slice(from, caret).replace(/^-/, '');
  const negated = text[from] === '-' ? 1 : 0;
  const start = from + negated;
  if (word === '') return { from: start, to, items: [] };
  const colon = word.indexOf(':');
  if (colon < 0) {
    const items = QUERY_FIELDS.filter((f) => f.key.startsWith(word.toLowerCase()) && f.key !== word.toLowerCase()).map((f) => ({
      insert: f.key === 'body' ? 'body.' : `${f.key}:`,
      label: f.key === 'body' ? 'body.<path>:' : `${f.key}:`,
      help: f.help,
    }));
    return { from: start, to, items };
  }
  const key = word.slice(0, colon).toLowerCase();
  const typed = word.slice(colon + 1).toLowerCase();
  const field = QUERY_FIELDS.find((f) => f.key === key);
  const values = key === 'source' ? [...context.sources, 'unmatched'] : (field?.values ?? []);
  const items = values
    .filter((v) => v.toLowerCase().startsWith(typed) && v.toLowerCase() !== typed)
    .slice(0, 12)
    .map((v) => ({ insert: `${key}:${v}`, label: `${key}:${v}`, help: field?.help ?? '' }));
  return { from: start, to, items };
}

/** the text and caret after choosing a suggestion (a trailing space unless a value is still to come) */
export function applySuggestion(text: string, s: Suggestions, chosen: Suggestion): { text: string; caret: number } {
  const open = chosen.insert.endsWith(':') || chosen.insert.endsWith('.');
  const insert = open ? chosen.insert : `${chosen.insert} `;
  const rest = text.slice(s.to).replace(/^\s+/, '');
  const next = text.slice(0, s.from) + insert + rest;
  return { text: next, caret: s.from + insert.length };
}
