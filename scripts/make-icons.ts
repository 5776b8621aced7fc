/**
 * Renders packaging/icon.svg (the one source image) to the PNGs electron-builder takes for every
 * target: out/icons/<n>x<n>.png (Linux picks its sizes from the folder; macOS converts the 1024 one
 * to .icns, Windows the 256 one to .ico). Rendered by the same headless Chromium the tests use.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './lib/find-browser';
import { REPO_ROOT } from './lib/runtime-lock';

export const ICON_SOURCE = join(REPO_ROOT, 'packaging', 'icon.svg');
export const ICON_DIR = join(REPO_ROOT, 'out', 'icons');
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

export async function makeIcons(outDir = ICON_DIR): Promise<string[]> {
  const svg = readFileSync(ICON_SOURCE, 'utf8');
  mkdirSync(outDir, { recursive: true });
  const browser = await launchChromium();
  const written: string[] = [];
  try {
    for (const size of ICON_SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
      const file = join(outDir, `${size}x${size}.png`);
      writeFileSync(file, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
      written.push(file);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return written;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const files = await makeIcons();
  console.log(`icons: ${files.length} PNGs in ${ICON_DIR}`);
}
