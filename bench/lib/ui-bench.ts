/**
 * The UI with the stored deliveries, in a real Chromium: first render, scroll frame times, the last
 * keystroke of a query until the list shows its total, End until the oldest row is selected, and a large
 * body opened by its link until its text and the note about what is shown are on screen.
 */
import type { Page } from 'playwright-core';
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
  /** median: the delivery's link (#/d/<id>/request) followed → its body text and the "shown as text" note rendered; NaN without one */
  largeBodyMs: number;
  /** the note sits above the body text (not after a megabyte of it) */
  largeBodyNoteOnTop: boolean;
  /** median: of that, the getDelivery call (request sent → last byte of the answer) */
  largeBodyApiMs: number;
}

export interface UiBenchOptions {
  /** a query matching the one large delivery to open (its body must be over the tree limit) */
  largeBodyQuery?: string;
}

async function apiCall<T>(uiUrl: string, method: string, args: unknown): Promise<T> {
  const url = new URL(uiUrl);
  const res = await fetch(`${url.origin}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${url.searchParams.get('token') ?? ''}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const json = (await res.json()) as { ok: boolean; value: T };
  if (!json.ok) throw new Error(`${method} failed: ${JSON.stringify(json)}`);
  return json.value;
}

/** opens the delivery by its link from the bare list, `times` times; the median ms until body and note are rendered */
async function openLargeBody(page: Page, id: string, times: number): Promise<{ ms: number; apiMs: number; noteOnTop: boolean }> {
  const took: number[] = [];
  const api: number[] = [];
  let noteOnTop = true;
  for (let i = 0; i < times; i++) {
    await page.evaluate(`location.hash = '#/'`);
    await page.locator('.detail-pane .empty-state').waitFor({ timeout: 30_000 });
    await page.evaluate(`(() => { window.__opened = null; performance.clearResourceTimings(); const t0 = performance.now(); location.hash = ${JSON.stringify(`#/d/${id}/request`)};
      const check = () => {
        const note = document.querySelector('.request-tab .paged-note');
        const text = document.querySelector('.request-tab pre[aria-label="Body (redacted)"]');
        if (note && text && text.textContent) {
          const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/getDelivery')).pop();
          window.__opened = { ms: performance.now() - t0, apiMs: api ? api.responseEnd - api.startTime : NaN, noteOnTop: note.getBoundingClientRect().top < text.getBoundingClientRect().top };
        }
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check); })()`);
    const opened = (await (
      await page.waitForFunction(() => (globalThis as unknown as { __opened: unknown }).__opened, undefined, { timeout: 30_000 }).catch(async (error: Error) => {
        const all = await page.locator('.detail-pane').innerText().catch(() => '');
        const shown = all.slice(all.indexOf('redacted') - 200, all.indexOf('redacted') + 300);
        throw new Error(`the large body did not open (${error.message}); the detail pane shows: ${shown}`);
      })
    ).jsonValue()) as { ms: number; apiMs: number; noteOnTop: boolean };
    took.push(opened.ms);
    api.push(opened.apiMs);
    noteOnTop &&= opened.noteOnTop;
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { ms: median(took), apiMs: median(api), noteOnTop };
}

const QUERIES = ['status:401', 'verdict:rejected', 'osaka', 'order AND osaka', 'type:order.*', 'after:-1h', 'body.customer.id:cus_7*'];

export async function benchUi(uiUrl: string, options: UiBenchOptions = {}): Promise<UiFigures> {
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
    let large = { ms: Number.NaN, apiMs: Number.NaN, noteOnTop: false };
    if (options.largeBodyQuery) {
      const found = await apiCall<{ items: Array<{ id: string }> }>(uiUrl, 'listDeliveries', { q: options.largeBodyQuery, limit: 1 });
      if (!found.items[0]) throw new Error(`no delivery matches ${options.largeBodyQuery}`);
      large = await openLargeBody(page, found.items[0].id, 5);
    }
    timings.sort((a, b) => a - b);
    return {
      firstRenderMs,
      scrollP95FrameMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
      frames: sorted.length,
      longFrames,
      queryToRenderMs: timings[Math.floor(timings.length / 2)],
      oldestMs,
      largeBodyMs: large.ms,
      largeBodyNoteOnTop: large.noteOnTop,
      largeBodyApiMs: large.apiMs,
    };
  } finally {
    await browser.close();
  }
}
