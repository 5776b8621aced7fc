import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu: the usual roles (app menu on macOS, edit, view zoom, window, quit);
 * reload and developer tools only in a development (unpackaged) run.
 */
export function menuTemplate(opts: { isPackaged: boolean; platform: string; appName: string }): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin';
  const devItems: MenuItemConstructorOptions[] = opts.isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: opts.appName,
      submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  } else {
    template.push({ label: '&File', submenu: [{ role: 'quit' }] });
  }
  template.push(
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [...devItems, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
  );
  return template;
}
