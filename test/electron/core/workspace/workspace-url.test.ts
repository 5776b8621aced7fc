/** A workspace address as people paste it: https anywhere, plain http on this machine only, never credentials. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkspaceUrl } from '../../../../electron/core/workspace/workspace-url';

test('accepted addresses are normalised to origin plus path prefix', () => {
  assert.equal(parseWorkspaceUrl(' https://hookscope.example.com/ '), 'https://hookscope.example.com');
  assert.equal(parseWorkspaceUrl('https://tools.example.com/hookscope//'), 'https://tools.example.com/hookscope');
  assert.equal(parseWorkspaceUrl('http://localhost:8080'), 'http://localhost:8080');
  assert.equal(parseWorkspaceUrl('http://127.0.0.1:8788/'), 'http://127.0.0.1:8788');
  assert.equal(parseWorkspaceUrl('http://[::1]:8788'), 'http://[::1]:8788');
});

test('refused addresses name the field and say what to do, never echoing what was typed', () => {
  const refused = (text: string, why: RegExp) =>
    assert.throws(() => parseWorkspaceUrl(text), (e: Error & { code?: string }) => e.code === 'invalid_argument' && /^url: /.test(e.message) && why.test(e.message) && !e.message.includes('s3cr3t'));
  refused('hookscope.example.com', /not an address/);
  refused('ftp://hookscope.example.com', /use https:\/\//);
  refused('http://hookscope.example.com', /token would travel unencrypted/);
  refused('http://10.0.0.5:8080', /token would travel unencrypted/);
  refused('https://alice:s3cr3t@hookscope.example.com', /leave the user name and password out/);
  refused('https://hookscope.example.com/?token=hks_s3cr3t', /leave \?token=… out/);
  refused('https://hookscope.example.com/#inspector', /without \?… or #…/);
});
