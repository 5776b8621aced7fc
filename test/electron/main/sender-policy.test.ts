import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppUrl } from '../../../electron/main/app-origin';
import { isTrustedSender } from '../../../electron/main/sender-policy';

test('the main frame of app://hookscope is trusted', () => {
  for (const url of ['app://hookscope/', 'app://hookscope/index.html', 'app://hookscope/deliveries/d1?x=1#t', 'app://hookscope']) {
    assert.equal(isTrustedSender(url, true), true, url);
  }
});

test('sub-frames are refused, even from the app origin', () => {
  assert.equal(isTrustedSender('app://hookscope/index.html', false), false);
});

test('look-alike origins and other schemes are refused', () => {
  const refused = [
    'app://hookscope.evil/',
    'app://hookscopex/',
    'app://evil.hookscope/',
    'app://hookscope:8080/',
    'app://user@hookscope/',
    'app://user:pass@hookscope/',
    'app://HOOKSCOPE.evil/',
    'appx://hookscope/',
    'http://hookscope/',
    'https://hookscope/',
    'file:///app/dist/renderer/index.html',
    'file://hookscope/index.html',
    'about:blank',
    'data:text/html,<script>1</script>',
    'devtools://devtools/',
    '',
    'not a url',
  ];
  for (const url of refused) assert.equal(isTrustedSender(url, true), false, url);
});

test('non-string URLs and non-boolean main-frame flags are refused', () => {
  assert.equal(isTrustedSender(undefined, true), false);
  assert.equal(isTrustedSender(null, true), false);
  assert.equal(isTrustedSender({ toString: () => 'app://hookscope/' }, true), false);
  assert.equal(isTrustedSender('app://hookscope/', 'true'), false);
  assert.equal(isTrustedSender('app://hookscope/', 1), false);
});

test('isAppUrl refuses absurdly long input', () => {
  assert.equal(isAppUrl(`app://hookscope/${'a'.repeat(10_000)}`), false);
});
