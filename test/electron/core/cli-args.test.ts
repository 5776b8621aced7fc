import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServeArgs, UsageError } from '../../../electron/core/cli-args';

test('parses every flag of SPEC §2', () => {
  const a = parseServeArgs(['serve', '--config', 'c.json', '--data-dir', '/tmp/x', '--receiver-port', '0', '--ui-port=9000', '--ui-token', 'abcdefghijklmnop1234', '--no-tunnel', '--json']);
  assert.equal(a.command, 'serve');
  assert.equal(a.config, 'c.json');
  assert.equal(a.dataDir, '/tmp/x');
  assert.equal(a.receiverPort, 0);
  assert.equal(a.uiPort, 9000);
  assert.equal(a.uiToken, 'abcdefghijklmnop1234');
  assert.equal(a.tunnel, false);
  assert.equal(a.json, true);
  assert.equal(parseServeArgs(['serve', '--tunnel']).tunnel, true);
  assert.equal(parseServeArgs(['serve']).tunnel, null);
});

test('bad flags are one clear line', () => {
  assert.throws(() => parseServeArgs(['serve', '--receiver-port', 'abc']), (e: Error) => e instanceof UsageError && /--receiver-port needs a port number/.test(e.message));
  assert.throws(() => parseServeArgs(['serve', '--receiver-port', '70000']), /between 0 and 65535/);
  assert.throws(() => parseServeArgs(['serve', '--bogus']), /Unknown option "--bogus"/);
  assert.throws(() => parseServeArgs(['start']), /Unknown command "start"/);
  assert.throws(() => parseServeArgs(['serve', '--config']), /--config needs a value/);
  assert.throws(() => parseServeArgs(['serve', '--ui-token', 'short']), /--ui-token must be 16/);
  assert.equal(parseServeArgs(['--help']).command, 'help');
});
