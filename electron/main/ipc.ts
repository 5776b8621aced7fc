/**
 * The IPC transport of the local API (docs/api.md "Local API"): one invoke channel, every message's sender and
 * argument validated, every answer a Result. Pure: the Electron objects come in through minimal
 * interfaces, so tests drive it without Electron.
 */
import type { HookscopeApi, HookscopeEvent } from '../../shared/api';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/api-methods';
import { err, type Result } from '../../shared/result';
import { createDispatcher } from '../core/api/dispatch';
import { isTrustedSender } from './sender-policy';

export interface SenderFrame {
  url: string;
  isMainFrame: boolean;
}

export type IpcDispatcher = (senderFrame: SenderFrame | null, method: unknown, args: unknown) => Promise<Result<unknown>>;

export interface IpcDispatcherOptions {
  /** told about unexpected handler failures (the renderer only gets a generic message) */
  onInternalError?(method: string, error: Error): void;
}

/**
 * Checks the sender, then hands the call to the core's transport-agnostic dispatcher (the same one
 * the loopback HTTP transport uses): method in API_METHODS, argument checked by checkArgs, handler
 * errors mapped to their HookscopeError code or to a generic `internal`. Never throws.
 */
export function createIpcDispatcher(api: HookscopeApi, opts: IpcDispatcherOptions = {}): IpcDispatcher {
  const dispatch = createDispatcher(api, opts.onInternalError);
  return async (senderFrame, method, args) => {
    if (!senderFrame || !isTrustedSender(senderFrame.url, senderFrame.isMainFrame)) {
      return err('forbidden_sender', 'This IPC message did not come from the Hookscope window (app://hookscope, main frame): it was refused.');
    }
    return dispatch(method, args);
  };
}

/** The parts of Electron's ipcMain, IpcMainInvokeEvent and WebContents that the wiring uses. */
export interface IpcFrameLike {
  url: string;
  parent: unknown;
}
export interface IpcInvokeEventLike {
  sender: unknown;
  senderFrame: IpcFrameLike | null;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}
export interface EventSink {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}
export interface CoreLike {
  api: HookscopeApi;
  events: { subscribe(listener: (event: HookscopeEvent) => void): () => void };
}

/** Where a message came from, as the dispatcher sees it; messages from another webContents count as untrusted. */
export function senderOf(event: IpcInvokeEventLike, expectedSender: unknown): SenderFrame | null {
  const frame = event.senderFrame;
  if (!frame || event.sender !== expectedSender) return null;
  return { url: frame.url, isMainFrame: frame.parent === null };
}

/**
 * Serves the api on IPC_INVOKE_CHANNEL for one window and pushes the core's events to it on
 * IPC_EVENT_CHANNEL. Returns a function that undoes both.
 */
export function registerIpc(ipcMain: IpcMainLike, webContents: EventSink, core: CoreLike, opts: IpcDispatcherOptions = {}): () => void {
  const dispatch = createIpcDispatcher(core.api, opts);
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, method, args) => dispatch(senderOf(event, webContents), method, args));
  const unsubscribe = core.events.subscribe((event) => {
    if (webContents.isDestroyed()) return;
    try {
      webContents.send(IPC_EVENT_CHANNEL, event);
    } catch (error) {
      opts.onInternalError?.(`event ${event.type}`, error instanceof Error ? error : new Error('not an Error'));
    }
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
  };
}
