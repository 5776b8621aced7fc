/** --help text, rendered from the same specs the parser uses (so the two cannot disagree). */
import type { Command, OptionSpec } from './command';
import { allOptions } from './parse-args';

function flagLabel(name: string, spec: OptionSpec): string {
  const long = spec.negatable ? `--${name}, --no-${name}` : `--${name}`;
  const withShort = spec.short ? `-${spec.short}, ${long}` : long;
  return spec.type === 'string' ? `${withShort} ${spec.value ?? 'VALUE'}` : withShort;
}

export function commandHelp(command: Command): string {
  const positionals = command.positionals.map((p) => (p.required ? `<${p.name}>` : `[${p.name}]`)).join(' ');
  const lines = [`Usage: hookscope ${command.name}${positionals ? ` ${positionals}` : ''} [options]`, '', command.summary, ''];
  const rows: Array<[string, string]> = [
    ...command.positionals.map((p): [string, string] => [`<${p.name}>`, p.description]),
    ...Object.entries(allOptions(command)).map(([name, spec]): [string, string] => [flagLabel(name, spec), spec.description + (spec.multiple ? ' (repeatable)' : '')]),
  ];
  const width = Math.min(34, Math.max(...rows.map(([l]) => l.length)) + 2);
  for (const [label, text] of rows) lines.push(label.length >= width ? `  ${label}\n  ${' '.repeat(width)}${text}` : `  ${label.padEnd(width)}${text}`);
  if (command.details) lines.push('', command.details);
  return lines.join('\n');
}

export function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    'Usage: hookscope <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Run `hookscope <command> --help` for its options. `hookscope --version` prints the version.',
  ].join('\n');
}
