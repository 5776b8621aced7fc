/** One real Hookscope and one Chromium page for a test file: started before its tests, stopped after. */
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openUi } from './browser';
import { startHookscope, type HookscopeServer, type StartOptions } from './hookscope-server';

export interface UiSession {
  server: HookscopeServer;
  browser: Browser;
  page: Page;
  /** page errors and CSP violations seen so far */
  problems: string[];
}

/** Registers the file's before/after hooks; the session's fields are set once `before` has run. */
export function useUiSession(options: StartOptions | (() => StartOptions | Promise<StartOptions>)): UiSession {
  const session = {} as UiSession;
  before(async () => {
    session.server = await startHookscope(typeof options === 'function' ? await options() : options);
    session.browser = await launchBrowser();
    ({ page: session.page, problems: session.problems } = await openUi(session.browser, session.server.uiUrl));
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });
  return session;
}
