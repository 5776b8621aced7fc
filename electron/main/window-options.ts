import type { BrowserWindowConstructorOptions } from 'electron';

export const WINDOW_BACKGROUND = { dark: '#15171c', light: '#ffffff' } as const;

/**
 * The main window's options, every security default set explicitly (Electron's security checklist):
 * isolated and sandboxed renderer, no Node anywhere, no <webview>, web security on. The window is
 * created hidden and shown on `ready-to-show`, painted in the theme's background to avoid a flash.
 */
export function windowOptions(opts: { preloadPath: string; dark: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title: 'Hookscope',
    show: false,
    backgroundColor: opts.dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light,
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
