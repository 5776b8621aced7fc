/**
 * The config file format: JSON with comments and trailing commas (docs/api.md, "Configuration"),
 * read and edited with jsonc-parser. Edits change only what changed, in place, so the user's
 * comments, order and layout survive a save from Settings.
 */
import { applyEdits, findNodeAtLocation, modify, parse, parseTree, printParseErrorCode, type Edit, type FormattingOptions, type JSONPath, type ParseError } from 'jsonc-parser';

export class JsoncSyntaxError extends Error {
  constructor(
    readonly problem: string,
    readonly line: number,
    readonly column: number,
  ) {
    // names the position and the kind of mistake, never the text around it (it may be a secret)
    super(`${problem} at line ${line}, column ${column}`);
    this.name = 'JsoncSyntaxError';
  }
}

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false };

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

const PROBLEMS: Record<string, string> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a property name (in double quotes) is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: 'a colon is expected',
  CommaExpected: 'a comma is expected',
  CloseBraceExpected: 'a closing } is expected',
  CloseBracketExpected: 'a closing ] is expected',
  EndOfFileExpected: 'the document should end here',
  InvalidCommentToken: 'a malformed comment',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut off',
  InvalidUnicode: 'a malformed \\u escape',
  InvalidEscapeCharacter: 'a malformed escape (\\)',
  InvalidCharacter: 'a control character inside a string',
};

/** Parses JSONC; throws JsoncSyntaxError with the line and column of the first mistake. */
export function parseJsonc(text: string): unknown {
  if (text.trim() === '') throw new JsoncSyntaxError('the document is empty: it should be a JSON object', 1, 1);
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, PARSE_OPTIONS);
  if (errors.length > 0) {
    const first = errors[0];
    const code = printParseErrorCode(first.error);
    const { line, column } = position(text, first.offset);
    throw new JsoncSyntaxError(PROBLEMS[code] ?? code, line, column);
  }
  return value;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

interface Change {
  path: JSONPath;
  value: Json | undefined;
  insert?: boolean;
}

/** The smallest set of path edits that turns `before` into `after`, for the parts the file spells out. */
function changes(text: string, path: JSONPath, before: Json | undefined, after: Json | undefined, out: Change[]): void {
  if (sameJson(before, after)) return;
  // objects: only the changed keys are written (modify creates missing parents), so a changed
  // default lands alone where it belongs; an array the file does not spell out is written whole
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(after)) changes(text, [...path, key], before[key], after[key], out);
    for (const key of Object.keys(before)) if (!(key in after)) out.push({ path: [...path, key], value: undefined });
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && spelledOut(text, path)) {
    const common = Math.min(before.length, after.length);
    for (let i = 0; i < common; i++) changes(text, [...path, i], before[i], after[i], out);
    for (let i = common; i < after.length; i++) out.push({ path: [...path, i], value: after[i], insert: true });
    for (let i = before.length - 1; i >= after.length; i--) out.push({ path: [...path, i], value: undefined });
    return;
  }
  out.push({ path, value: after });
}

function spelledOut(text: string, path: JSONPath): boolean {
  const tree = parseTree(text, [], PARSE_OPTIONS);
  return tree !== undefined && (path.length === 0 || findNodeAtLocation(tree, path) !== undefined);
}

function formatting(text: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/**
 * jsonc-parser's removal of an array's last element assumes a line break before the "]" (and cuts
 * a character of compact arrays): remove from the end of the previous element to the end of this one.
 */
function removeArrayElement(text: string, path: JSONPath, options: FormattingOptions): Edit[] {
  const tree = parseTree(text, [], PARSE_OPTIONS)!;
  const array = findNodeAtLocation(tree, path.slice(0, -1));
  const index = path[path.length - 1] as number;
  const items = array?.children ?? [];
  if (!array || index >= items.length) return [];
  if (items.length > 1 && index === items.length - 1) {
    const previous = items[index - 1];
    const last = items[index];
    return [{ offset: previous.offset + previous.length, length: last.offset + last.length - (previous.offset + previous.length), content: '' }];
  }
  return modify(text, path, undefined, { formattingOptions: options });
}

/**
 * `text` edited in place so that it reads as `after` where it read as `before` (both the parsed,
 * JSON-safe documents): comments, key order and layout of everything unchanged are kept, and values
 * the file leaves to their defaults stay unwritten unless they changed.
 */
export function editJsonc(text: string, before: unknown, after: unknown): string {
  const formattingOptions = formatting(text);
  const plan: Change[] = [];
  changes(text, [], JSON.parse(JSON.stringify(before)) as Json, JSON.parse(JSON.stringify(after)) as Json, plan);
  let out = text;
  for (const change of plan) {
    let edits: Edit[];
    if (change.value !== undefined) edits = modify(out, change.path, change.value, { formattingOptions, isArrayInsertion: change.insert === true });
    else if (!spelledOut(out, change.path)) edits = []; // removing what the file leaves to its default
    else if (typeof change.path[change.path.length - 1] === 'number') edits = removeArrayElement(out, change.path, formattingOptions);
    else edits = modify(out, change.path, undefined, { formattingOptions });
    out = applyEdits(out, edits);
  }
  return out;
}
