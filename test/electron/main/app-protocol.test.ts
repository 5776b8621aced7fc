import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { RENDERER_CSP } from '../../../shared/csp';
import { createAppProtocolHandler, nodeAppFiles, resolveAppRequest } from '../../../electron/main/app-protocol';

const root = mkdtempSync(path.join(tmpdir(), 'hookscope-app-protocol-'));
mkdirSync(path.join(root, 'assets'));
writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Hookscope</title>');
writeFileSync(path.join(root, 'assets', 'app-1234.js'), 'console.log(1)');
writeFileSync(path.join(root, 'assets', 'app-1234.css'), 'body{}');
const outside = path.join(path.dirname(root), `${path.basename(root)}-secret.txt`);
writeFileSync(outside, 'secret');
after(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { force: true });
});

const resolve = (url: string, navigation = false) => resolveAppRequest(url, root, { navigation, isFile: nodeAppFiles.isFile });

test('the root and known files are served from the renderer directory with their content type', () => {
  assert.deepEqual(resolve('app://hookscope/'), { kind: 'file', filePath: path.join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
  assert.deepEqual(resolve('app://hookscope/index.html?x=1#y'), { kind: 'file', filePath: path.join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
  assert.deepEqual(resolve('app://hookscope/assets/app-1234.js'), { kind: 'file', filePath: path.join(root, 'assets', 'app-1234.js'), contentType: 'text/javascript; charset=utf-8' });
  assert.equal(resolve('app://hookscope/assets/app-%31234.css').kind, 'file');
});

test('path traversal is refused, raw or percent-encoded, whatever the request kind', () => {
  const attempts = [
    'app://hookscope/../' + path.basename(outside),
    'app://hookscope/assets/../../' + path.basename(outside),
    'app://hookscope/%2e%2e/' + path.basename(outside),
    'app://hookscope/%2E%2E/' + path.basename(outside),
    'app://hookscope/.%2e/' + path.basename(outside),
    'app://hookscope/..%2f' + path.basename(outside),
    'app://hookscope/assets%2f..%2f..%2f' + path.basename(outside),
    'app://hookscope/%2e%2e%5c' + path.basename(outside),
    'app://hookscope/..\\' + path.basename(outside),
    'app://hookscope/./index.html',
  ];
  for (const url of attempts) {
    for (const navigation of [false, true]) {
      const result = resolve(url, navigation);
      assert.equal(result.kind, 'refused', url);
      assert.equal(result.kind === 'refused' && result.status, 403, url);
    }
  }
});

test('absolute and drive paths are refused', () => {
  for (const url of ['app://hookscope//etc/passwd', 'app://hookscope/%2Fetc%2Fpasswd', 'app://hookscope/C:/Windows/win.ini', 'app://hookscope/C%3A%5CWindows', 'app://hookscope/a%00.js']) {
    const result = resolve(url, true);
    assert.equal(result.kind, 'refused', url);
    assert.equal(result.kind === 'refused' && result.status, 403, url);
  }
});

test('malformed percent-encoding is a 400', () => {
  const result = resolve('app://hookscope/%E0%A4%A');
  assert.equal(result.kind === 'refused' && result.status, 400);
});

test('other hosts and schemes are not served', () => {
  for (const url of ['app://hookscope.evil/index.html', 'app://other/index.html', 'http://hookscope/index.html', 'app://hookscope:1/index.html', 'nonsense']) {
    assert.equal(resolve(url).kind, 'refused', url);
  }
});

test('unknown paths fall back to index.html for navigations only', () => {
  assert.deepEqual(resolve('app://hookscope/deliveries/d1', true), { kind: 'file', filePath: path.join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
  const asset = resolve('app://hookscope/assets/missing.js', true);
  assert.equal(asset.kind === 'refused' && asset.status, 404);
  const fetchLike = resolve('app://hookscope/deliveries/d1', false);
  assert.equal(fetchLike.kind === 'refused' && fetchLike.status, 404);
});

test('without a build, the answer says to run npm run build', () => {
  const empty = mkdtempSync(path.join(tmpdir(), 'hookscope-app-protocol-empty-'));
  try {
    const result = resolveAppRequest('app://hookscope/', empty, { navigation: true, isFile: nodeAppFiles.isFile });
    assert.equal(result.kind, 'refused');
    assert.match(result.kind === 'refused' ? result.message : '', /npm run build/);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('the handler answers with the file, the CSP and nosniff', async () => {
  const handle = createAppProtocolHandler(root, nodeAppFiles);
  const page = await handle(new Request('app://hookscope/', { headers: { accept: 'text/html' } }));
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(page.headers.get('content-security-policy'), RENDERER_CSP);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  assert.match(await page.text(), /<title>Hookscope<\/title>/);

  const route = await handle(new Request('app://hookscope/settings', { headers: { 'sec-fetch-mode': 'navigate' } }));
  assert.equal(route.status, 200);
  assert.match(await route.text(), /Hookscope/);

  const script = await handle(new Request('app://hookscope/assets/app-1234.js'));
  assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(await script.text(), 'console.log(1)');
});

test('the handler refuses traversal, other methods, and keeps the CSP on errors', async () => {
  const handle = createAppProtocolHandler(root, nodeAppFiles);
  const traversal = await handle(new Request('app://hookscope/%2e%2e%2f' + path.basename(outside), { headers: { accept: 'text/html' } }));
  assert.equal(traversal.status, 403);
  assert.ok(!(await traversal.text()).includes('secret'));
  assert.equal(traversal.headers.get('content-security-policy'), RENDERER_CSP);

  const post = await handle(new Request('app://hookscope/index.html', { method: 'POST', body: 'x' }));
  assert.equal(post.status, 405);

  const head = await handle(new Request('app://hookscope/index.html', { method: 'HEAD' }));
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');
});
