import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineCommand } from '../../../../electron/core/cli/command';
import { UsageError } from '../../../../electron/core/cli/errors';
import { commandHelp } from '../../../../electron/core/cli/help';
import { parseCommandLine } from '../../../../electron/core/cli/parse-args';

const demo = defineCommand({
  name: 'demo',
  summary: 'A command for the parser tests.',
  positionals: [{ name: 'target', required: true, description: 'where to send' }],
  options: {
    config: { type: 'string', value: 'FILE', description: 'a file' },
    tunnel: { type: 'boolean', negatable: true, description: 'tunnel or not' },
    json: { type: 'boolean', description: 'NDJSON' },
    secret: { type: 'string', multiple: true, description: 'a secret' },
  },
  run: async () => 0,
});

test('flags, negations, repeats and positionals', () => {
  const p = parseCommandLine(demo, ['3000', '--config', 'c.json', '--no-tunnel', '--json', '--secret=a', '--secret', 'b']);
  assert.deepEqual(p.positionals, ['3000']);
  assert.equal(p.values.config, 'c.json');
  assert.equal(p.values.tunnel, false);
  assert.equal(p.values.json, true);
  assert.deepEqual(p.values.secret, ['a', 'b']);
  assert.equal(p.help, false);
  assert.equal(parseCommandLine(demo, ['x', '--tunnel']).values.tunnel, true);
  assert.equal(parseCommandLine(demo, ['--help']).help, true, '--help needs no positional');
});

test('every mistake is one UsageError that names the flag', () => {
  const fails = (argv: string[], expected: RegExp) =>
    assert.throws(() => parseCommandLine(demo, argv), (e: Error) => e instanceof UsageError && expected.test(e.message) && !e.message.includes('\n'), argv.join(' '));
  fails(['x', '--bogus'], /^Unknown option "--bogus": see `hookscope demo --help`/);
  fails(['x', '--no-json'], /^Unknown option "--no-json"/);
  fails(['x', '--config'], /^--config needs a value/);
  fails(['x', '--config', '--json'], /^--config needs a value/);
  fails(['x', '--json=yes'], /^--json takes no value/);
  fails([], /^Missing <target>: where to send/);
  fails(['x', 'y'], /^Unexpected argument "y"/);
});

test('--help is rendered from the same specs', () => {
  const help = commandHelp(demo);
  assert.match(help, /^Usage: hookscope demo <target> \[options\]/);
  assert.match(help, /--tunnel, --no-tunnel +tunnel or not/);
  assert.match(help, /--config FILE +a file/);
  assert.match(help, /--secret VALUE +a secret \(repeatable\)/);
  assert.match(help, /-h, --help +show this help/);
});
