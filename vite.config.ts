import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { RENDERER_CSP } from './shared/csp.ts';

// The page's <meta> CSP is the one shared constant, minus what a <meta> policy cannot carry
// (frame-ancestors: the server's header and the app:// protocol send it).
const META_CSP = RENDERER_CSP.split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ');

// The renderer is a plain web app: served from dist/renderer by the local API (web mode) or loaded by Electron.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), { name: 'hookscope-csp', transformIndexHtml: (html) => html.replace('%HOOKSCOPE_CSP%', META_CSP) }],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // CSP forbids inline scripts: keep every asset a file, never a data: module.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
