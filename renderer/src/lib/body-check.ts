/**
 * Checks an edited body as the user types: JSON by its content type (or its look), forms by their
 * percent-encoding. Problems name the line and column, so the editor can say where to look.
 */
import { parseParams } from '../../../shared/verify/support/form';
import { jsonErrorOffset } from './json-error-offset';

export type BodyCheck =
  | { ok: true; kind: 'json' | 'form' | 'text' }
  | { ok: false; kind: 'json' | 'form'; line: number; column: number; message: string };

/** 1-based line and column of a character offset */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

function checkJson(text: string): BodyCheck {
  const problem = jsonErrorOffset(text);
  if (!problem) return { ok: true, kind: 'json' };
  const { line, column } = lineColumn(text, problem.offset);
  const found = problem.offset >= text.length ? 'the end of the text' : JSON.stringify(text[problem.offset]);
  return { ok: false, kind: 'json', line, column, message: `Invalid JSON at line ${line}, column ${column}: expected ${problem.expected}, found ${found}` };
}

function checkForm(text: string): BodyCheck {
  const parsed = parseParams(text);
  if (parsed.ok) return { ok: true, kind: 'form' };
  // find the first part that does not decode, for its position
  let offset = 0;
  for (const part of text.split('&')) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      break;
    }
    offset += part.length + 1;
  }
  const { line, column } = lineColumn(text, offset);
  return { ok: false, kind: 'form', line, column, message: `${parsed.reason} (line ${line}, column ${column}): write "%" as %25` };
}

export function checkBody(text: string, contentType: string | null): BodyCheck {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('json')) return checkJson(text);
  if (type.includes('x-www-form-urlencoded')) return checkForm(text);
  if (!type && /^\s*[[{]/.test(text)) return checkJson(text);
  return { ok: true, kind: 'text' };
}
