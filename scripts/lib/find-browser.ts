/**
 * Finds a Chromium that launches, for the UI tests and the bench (one mechanism for both).
 * Order: HOOKSCOPE_BROWSER (a path), a system Chromium/Chrome on PATH, then @sparticuz/chromium
 * (a devDependency whose headless Chromium ships inside the npm package). A candidate that is missing
 * or cannot launch is skipped with one line saying so; the first that launches is remembered per process.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

interface Candidate {
  label: string;
  path: () => Promise<string | undefined>;
  args: () => Promise<string[]>;
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const full = join(dir, name);
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

function candidates(): Candidate[] {
  const list: Candidate[] = [];
  const explicit = process.env.HOOKSCOPE_BROWSER ?? process.env.CHROMIUM_PATH;
  if (explicit) list.push({ label: `HOOKSCOPE_BROWSER=${explicit}`, path: async () => explicit, args: async () => CHROMIUM_ARGS });
  for (const name of SYSTEM_NAMES) {
    list.push({ label: `${name} on PATH`, path: async () => onPath(name), args: async () => CHROMIUM_ARGS });
  }
  list.push({
    label: '@sparticuz/chromium',
    path: async () => {
      const { default: sparticuz } = await import('@sparticuz/chromium');
      return sparticuz.executablePath();
    },
    // Our flags only: its own list adds --disable-web-security and --single-process, which would change what
    // the UI tests observe (same-origin rules, one process for every context).
    args: async () => CHROMIUM_ARGS,
  });
  return list;
}

let found: Promise<{ executablePath: string; args: string[] }> | undefined;

async function probe(): Promise<{ executablePath: string; args: string[] }> {
  const skipped: string[] = [];
  if (!SYSTEM_NAMES.some((name) => onPath(name))) {
    console.error(`browser: skipping a system Chromium: none of ${SYSTEM_NAMES.join(', ')} is on PATH`);
  }
  for (const candidate of candidates()) {
    let path: string | undefined;
    try {
      path = await candidate.path();
    } catch (error) {
      skipped.push(candidate.label);
      console.error(`browser: skipping ${candidate.label}: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    if (!path) continue; // simply not installed: nothing to say
    const args = await candidate.args();
    try {
      const browser = await chromium.launch({ executablePath: path, args, timeout: 30_000 });
      await browser.close();
      return { executablePath: path, args };
    } catch (error) {
      skipped.push(candidate.label);
      console.error(`browser: skipping ${candidate.label} (${path}): it did not launch: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(`No Chromium launches here (tried: ${skipped.join(', ') || 'nothing found'}). Set HOOKSCOPE_BROWSER to a Chromium binary.`);
}

/** The first Chromium that launches here, found once per process. */
export function findBrowser(): Promise<{ executablePath: string; args: string[] }> {
  found ??= probe();
  return found;
}

export async function launchChromium(): Promise<Browser> {
  const { executablePath, args } = await findBrowser();
  return chromium.launch({ executablePath, args });
}
