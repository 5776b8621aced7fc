/**
 * A stand-in for the `electron` module, enough to run the bundled main process (dist/electron/main.cjs)
 * in plain Node: it records what main.ts asks of Electron and lets a test fire app events.
 */
type Handler = (...args: unknown[]) => unknown;

class Emitter {
  readonly handlers = new Map<string, Handler[]>();
  on(event: string, handler: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  once(event: string, handler: Handler) {
    return this.on(event, handler);
  }
  emit(event: string, ...args: unknown[]) {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
}

export function createFakeElectron(opts: { userData: string; singleInstance?: boolean }) {
  const record = {
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, Handler>(),
    windows: [] as FakeWindow[],
    menus: [] as unknown[],
    notifications: [] as Array<{ title: string; body: string }>,
    quitCalls: 0,
    exitCodes: [] as number[],
    errorBoxes: [] as string[],
    opened: [] as string[],
    sandboxEnabled: false,
    /** app.setAsDefaultProtocolClient calls: [scheme, ...rest] */
    protocolClients: [] as unknown[][],
    focusCalls: 0,
  };
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));

  class FakeWindow extends Emitter {
    title = '';
    loadedUrl: string | null = null;
    shown = false;
    destroyed = false;
    readonly sent: Array<{ channel: string; payload: unknown }> = [];
    readonly webContents = {
      send: (channel: string, payload: unknown) => void this.sent.push({ channel, payload }),
      isDestroyed: () => this.destroyed,
    };
    constructor(readonly options: Record<string, unknown>) {
      super();
      record.windows.push(this);
    }
    setTitle(title: string) {
      this.title = title;
    }
    async loadURL(url: string) {
      this.loadedUrl = url;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    show() {
      this.shown = true;
    }
    focus() {
      record.focusCalls++;
    }
    close() {
      this.destroyed = true;
      this.emit('closed');
    }
  }

  class FakeNotification extends Emitter {
    static isSupported() {
      return true;
    }
    constructor(readonly options: { title: string; body: string }) {
      super();
    }
    show() {
      record.notifications.push({ title: this.options.title, body: this.options.body });
    }
  }

  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    name: 'Hookscope',
    requestSingleInstanceLock: () => opts.singleInstance ?? true,
    enableSandbox: () => void (record.sandboxEnabled = true),
    setAppUserModelId: () => {},
    setAsDefaultProtocolClient: (...args: unknown[]) => {
      record.protocolClients.push(args);
      return true;
    },
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
      return opts.userData;
    },
    whenReady: () => ready,
    quit: () => {
      record.quitCalls++;
      let prevented = false;
      app.emit('before-quit', { preventDefault: () => void (prevented = true) });
      if (!prevented) app.emit('will-quit');
    },
    exit: (code: number) => void record.exitCodes.push(code),
  });

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    Notification: FakeNotification,
    dialog: { showErrorBox: (_title: string, message: string) => void record.errorBoxes.push(message) },
    ipcMain: {
      handle: (channel: string, handler: Handler) => {
        if (record.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        record.ipcHandlers.set(channel, handler);
      },
      removeHandler: (channel: string) => void record.ipcHandlers.delete(channel),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: unknown) => void record.menus.push(menu),
    },
    nativeTheme: { shouldUseDarkColors: true },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        record.privilegedSchemes.push(...schemes);
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => void record.protocolHandlers.set(scheme, handler),
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (plain: string) => Buffer.from(`enc:${Buffer.from(plain).toString('hex')}`),
      decryptString: (encrypted: Buffer) => Buffer.from(encrypted.toString().slice(4), 'hex').toString(),
    },
    session: { defaultSession: { setPermissionRequestHandler: () => {}, setPermissionCheckHandler: () => {} } },
    shell: { openExternal: async (url: string) => void record.opened.push(url) },
  };
  return { electron, record, fireReady: () => resolveReady() };
}
