/** The method and event name lists, checked at compile time against the interface. */
import type { ApiMethod, EventName } from './api';

type ExactKeys<T extends string> = { [K in T]: true };

const methodTable: ExactKeys<ApiMethod> = {
  getStatus: true,
  listDeliveries: true,
  getTimeline: true,
  getDelivery: true,
  replayDelivery: true,
  replayQuery: true,
  copyReplayCommand: true,
  sendRequest: true,
  sendTestEvent: true,
  revealRaw: true,
  eraseByValue: true,
  getConfig: true,
  updateConfig: true,
  addSecret: true,
  removeSecret: true,
  exportDeliveries: true,
  listAudit: true,
  getSecurity: true,
  getReadiness: true,
  listPresets: true,
  setTunnel: true,
  verifyRequest: true,
  whoami: true,
  connectWorkspace: true,
  disconnectWorkspace: true,
  getWorkspace: true,
  getWorkspaceStatus: true,
  listWorkspaceDeliveries: true,
  getWorkspaceTimeline: true,
  getWorkspaceDelivery: true,
  revealWorkspaceRaw: true,
  replayFromWorkspace: true,
};
export const API_METHODS = Object.keys(methodTable) as ApiMethod[];

const eventTable: ExactKeys<EventName> = {
  deliveriesAdded: true,
  deliveryUpdated: true,
  tunnelStatusChanged: true,
  alertRaised: true,
  configChanged: true,
  workspaceChanged: true,
  workspaceEvent: true,
};
export const EVENT_NAMES = Object.keys(eventTable) as EventName[];

export const IPC_INVOKE_CHANNEL = 'hookscope:invoke';
export const IPC_EVENT_CHANNEL = 'hookscope:event';

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methodTable, name);
}
