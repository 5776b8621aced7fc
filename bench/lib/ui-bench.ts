/** The UI with the stored deliveries, in a real Chromium: first render and scroll frame times. */
import { launchChromium } from '../../scripts/lib/find-browser';

export async function benchUi(uiUrl: string): Promise<{ firstRenderMs: number; scrollP95FrameMs: number; frames: number; longFrames: number }> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const started = Date.now();
    await page.goto(uiUrl);
    const list = page.getByRole('grid', { name: 'Deliveries list' });
    await list.getByRole('row').first().waitFor({ timeout: 30_000 });
    const firstRenderMs = Date.now() - started;
    const box = await list.boundingBox();
    if (!box) throw new Error('the deliveries list has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // In-page code as text: this file is type-checked for Node, not the DOM.
    await page.evaluate(`(() => {
      const times = [];
      let last = performance.now();
      let running = true;
      const tick = (t) => { times.push(t - last); last = t; if (running) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      window.__stopFrames = () => { running = false; return times; };
    })()`);
    for (let i = 0; i < 60; i++) {
      await page.mouse.wheel(0, 1200);
      await page.waitForTimeout(16);
    }
    const times = (await page.evaluate('window.__stopFrames()')) as number[];
    const sorted = times.slice(1).sort((a, b) => a - b);
    // frames quantise to whole vsyncs (16.7, 33.3, 50 ms…): the share of frames that missed one says more than p95 alone
    const longFrames = sorted.filter((t) => t > 20).length;
    return { firstRenderMs, scrollP95FrameMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0, frames: sorted.length, longFrames };
  } finally {
    await browser.close();
  }
}
