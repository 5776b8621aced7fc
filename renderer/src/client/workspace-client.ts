/**
 * The connected team workspace, seen through the same client interface as this instance: the Inspector's
 * stores run on it unchanged. Reads go to the workspace methods of the local API (which call the workspace
 * with the person's token), a replay to replayFromWorkspace (sent by this instance to its own localhost),
 * and the workspace's relayed events arrive as ordinary events. The renderer never reaches the team server
 * itself (docs/team.md "Connect the desktop").
 */
import type { ApiMethod } from '../../../shared/api';
import { API_METHODS } from '../../../shared/api-methods';
import { ApiError } from './api-error';
import type { ClientListener, HookscopeClient } from './types';

/** what the Inspector needs from a workspace; everything else answers not_in_workspace */
type Mapped = 'getStatus' | 'listDeliveries' | 'getTimeline' | 'getDelivery' | 'revealRaw' | 'replayDelivery';

function notInWorkspace(method: ApiMethod): () => Promise<never> {
  return async () => {
    throw new ApiError('not_in_workspace', `Not available for a team workspace's deliveries (${method}): open the workspace's own address in a browser for that, or switch to Local.`);
  };
}

export function createWorkspaceClient(local: HookscopeClient): HookscopeClient {
  const mapped: Pick<HookscopeClient, Mapped> = {
    getStatus: (args) => local.getWorkspaceStatus(args),
    listDeliveries: (args) => local.listWorkspaceDeliveries(args),
    getTimeline: (args) => local.getWorkspaceTimeline(args),
    getDelivery: (args) => local.getWorkspaceDelivery(args),
    revealRaw: (args) => local.revealWorkspaceRaw(args),
    replayDelivery: async ({ id, target, mode, body, newMessageId, ...chaos }) => {
      if (Object.values(chaos).some((v) => v !== undefined)) {
        throw new ApiError('not_in_workspace', 'Chaos replays (copies, spacing, probe) are not available for a workspace delivery: replay it once, or switch to Local.');
      }
      return local.replayFromWorkspace({ id, target, mode, body, newMessageId });
    },
  };
  const client: Record<string, unknown> = {};
  for (const method of API_METHODS) client[method] = (mapped as Record<string, unknown>)[method] ?? notInWorkspace(method);
  client.subscribe = (listener: ClientListener) =>
    local.subscribe((event) => {
      if (event.type === 'workspaceEvent') listener(event.payload.event);
      // the workspace's own stream: (re)opened means the stores catch up on what they missed
      else if (event.type === 'workspaceChanged') listener({ type: 'streamState', payload: { state: event.payload.state === 'online' ? 'open' : 'reconnecting' } });
    });
  return client as unknown as HookscopeClient;
}
