/**
 * The sandboxed preload (bundled to dist/electron/preload.cjs): exposes `window.hookscope` and
 * nothing else. The page never sees ipcRenderer or its event objects.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from './bridge';

const bridge = buildBridge(
  (channel, method, args) => ipcRenderer.invoke(channel, method, args),
  (channel, listener) => {
    const handler = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
);

contextBridge.exposeInMainWorld('hookscope', bridge);
