/**
 * The workspace view: the Inspector's stores over the connected team workspace. Reads go to the local
 * API's workspace methods, a replay to replayFromWorkspace, the workspace's relayed events reach only
 * the workspace view, and the workspace store follows workspaceChanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Attempt, DeliverySummary, HookscopeApi, ListDeliveriesArgs, ReplayFromWorkspaceArgs, WorkspaceInfo } from '../../shared/api';
import { connectStores, createStores } from '../../renderer/src/stores/create-stores';
import { delivery, memoryServer, pushClient } from './fixtures';

/** the list re-reads a moment (300 ms) after an arrival: wait for it, bounded */
async function settles(done: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

const online: WorkspaceInfo = { state: 'online', message: 'Live', url: 'https://team.example', name: 'Team', person: 'mia', role: 'member', replayTarget: null };

function fakeLocal() {
  const local = memoryServer([]);
  const team = memoryServer([]);
  const replays: ReplayFromWorkspaceArgs[] = [];
  const teamLists: ListDeliveriesArgs[] = [];
  const api: Partial<HookscopeApi> = {
    listDeliveries: (args) => local.listDeliveries(args),
    listWorkspaceDeliveries: (args) => {
      teamLists.push(args);
      return team.listDeliveries(args);
    },
    getWorkspace: async () => online,
    replayFromWorkspace: async (args) => {
      replays.push(args);
      return { id: 'wsr_1', status: 200 } as Attempt;
    },
  };
  return { ...pushClient(api), local: local.stored, team: team.stored, replays, teamLists };
}

test('relayed workspace deliveries reach the workspace view only; workspaceChanged reaches the workspace store', async () => {
  const fake = fakeLocal();
  const stores = createStores(fake.client);
  const view = stores.workspaceView!;
  assert.equal(view.scope, 'workspace');
  await stores.deliveries.getState().load();
  await view.deliveries.getState().load();
  connectStores(stores);
  fake.emit({ type: 'workspaceChanged', payload: online });
  assert.equal(stores.workspace.getState().info?.name, 'Team');
  stores.workspace.getState().setViewing('workspace');
  assert.equal(stores.workspace.getState().viewing, 'workspace');

  const shared: DeliverySummary = delivery();
  fake.team.push(shared);
  fake.emit({ type: 'workspaceEvent', payload: { workspace: online.url!, event: { type: 'deliveriesAdded', payload: { items: [shared] } } } });
  await settles(() => view.deliveries.getState().total === 1);
  assert.deepEqual(view.deliveries.getState().pages[0], [shared]);
  assert.equal(stores.deliveries.getState().total, 0, 'the local list is not touched');
  assert.ok(fake.teamLists.length >= 2, 'the workspace list was read through listWorkspaceDeliveries');

  fake.emit({ type: 'workspaceChanged', payload: { ...online, state: 'off', url: null, name: null } });
  assert.equal(stores.workspace.getState().viewing, 'local', 'a disconnected workspace falls back to Local');
});

test("a replay in the workspace view is the workspace's replay, sent by this instance; chaos and other calls say they are not available", async () => {
  const fake = fakeLocal();
  const view = createStores(fake.client).workspaceView!;
  const attempt = await view.client.replayDelivery({ id: 'd1', mode: 'resign', target: 'http://localhost:3000/hooks' });
  assert.equal(attempt.id, 'wsr_1');
  assert.deepEqual(fake.replays, [{ id: 'd1', mode: 'resign', target: 'http://localhost:3000/hooks', body: undefined, newMessageId: undefined }]);
  await assert.rejects(view.client.replayDelivery({ id: 'd1', repeat: 3 }), (e: Error & { code?: string }) => e.code === 'not_in_workspace' && /Chaos replays/.test(e.message));
  await assert.rejects(view.client.exportDeliveries({ ids: ['d1'], format: 'curl' }), (e: Error & { code?: string }) => e.code === 'not_in_workspace');
  assert.equal(fake.replays.length, 1);
});
