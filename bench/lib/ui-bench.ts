/**
 * The UI with the stored deliveries, in a real Chromium: first render, scroll frame times, the last
 * keystroke of a query until the list shows its total, and End until the oldest row is selected.
 */
import { launchChromium } from '../../scripts/lib/find-browser';

export interface UiFigures {
  firstRenderMs: number;
  scrollP95FrameMs: number;
  frames: number;
  longFrames: number;
  /** median over the queries of: the query entered (one input event) → the list's total rendered */
  queryToRenderMs: number;
  /** End pressed in the list → the oldest delivery selected and rendered */
  oldestMs: number;
}

const QUERIES = ['status:401', 'verdict:rejected', 'osaka', 'order AND osaka', 'type:order.*', 'after:-1h', 'body.customer.id:cus_7*'];

export async function benchUi(uiUrl: string): Promise<UiFigures> {
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

    const box2 = page.getByRole('combobox', { name: 'Query deliveries' });
    const total = page.locator('.list-total');
    const timings: number[] = [];
    for (const q of QUERIES) {
      await box2.fill('');
      await total.filter({ hasText: 'deliveries' }).waitFor({ timeout: 30_000 });
      await page.waitForTimeout(200);
      // the query arrives as one input event (a paste, or the last key of a typed query)
      const t0 = Date.now();
      await box2.fill(q);
      await page.waitForFunction(
        () => / match/.test((globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector('.list-total')?.textContent ?? ''),
        undefined,
        { timeout: 30_000, polling: 'raf' },
      );
      timings.push(Date.now() - t0);
    }
    await box2.fill('');
    await total.filter({ hasText: 'deliveries' }).waitFor({ timeout: 30_000 });
    const rows = Number((await total.innerText()).replace(/[^0-9]/g, ''));
    await list.focus();
    const t1 = Date.now();
    await page.keyboard.press('End');
    await page.locator(`[role="row"][aria-selected="true"][aria-rowindex="${rows}"]`).waitFor({ timeout: 30_000 });
    const oldestMs = Date.now() - t1;
    timings.sort((a, b) => a - b);
    return {
      firstRenderMs,
      scrollP95FrameMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
      frames: sorted.length,
      longFrames,
      queryToRenderMs: timings[Math.floor(timings.length / 2)],
      oldestMs,
    };
  } finally {
    await browser.close();
  }
}
