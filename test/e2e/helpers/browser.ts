/** The UI in a real Chromium through playwright-core (found by scripts/lib/find-browser, never downloaded). */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../scripts/lib/find-browser';

export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

export interface OpenOptions {
  colorScheme?: 'light' | 'dark';
  width?: number;
  height?: number;
}

/** Opens the UI; page errors and CSP violations are collected so a test can assert there were none. */
export async function openUi(browser: Browser, uiUrl: string, options: OpenOptions = {}): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error') problems.push(`console: ${text}`);
  });
  await page.goto(uiUrl);
  return { page, problems };
}

/**
 * Reads a value until it is accepted or the time is up, and returns the last reading: the caller still
 * asserts on it. For UI state that settles a render after the element a test waited for appeared.
 */
export async function settled<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
