import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WINDOW_BACKGROUND, windowOptions } from '../../../electron/main/window-options';

test('windowOptions sets every security default explicitly', () => {
  const web = windowOptions({ preloadPath: '/app/dist/electron/preload.cjs', dark: false }).webPreferences;
  assert.ok(web);
  assert.equal(web.preload, '/app/dist/electron/preload.cjs');
  assert.equal(web.contextIsolation, true);
  assert.equal(web.sandbox, true);
  assert.equal(web.nodeIntegration, false);
  assert.equal(web.nodeIntegrationInWorker, false);
  assert.equal(web.nodeIntegrationInSubFrames, false);
  assert.equal(web.webviewTag, false);
  assert.equal(web.webSecurity, true);
  assert.equal(web.allowRunningInsecureContent, false);
  assert.equal(web.experimentalFeatures, false);
  assert.equal(web.spellcheck, false);
});

test('windowOptions creates the window hidden, sized, and painted in the theme colour', () => {
  const light = windowOptions({ preloadPath: 'p', dark: false });
  const dark = windowOptions({ preloadPath: 'p', dark: true });
  assert.equal(light.show, false);
  assert.equal(light.backgroundColor, WINDOW_BACKGROUND.light);
  assert.equal(dark.backgroundColor, WINDOW_BACKGROUND.dark);
  assert.notEqual(light.backgroundColor, dark.backgroundColor);
  assert.ok((light.width ?? 0) >= 1024 && (light.height ?? 0) >= 700);
  assert.ok((light.minWidth ?? 0) > 0 && (light.minWidth ?? 0) <= (light.width ?? 0));
  assert.ok((light.minHeight ?? 0) > 0 && (light.minHeight ?? 0) <= (light.height ?? 0));
});
