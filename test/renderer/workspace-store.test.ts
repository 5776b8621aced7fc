/**
 * The workspace store keeps the newest state: the live stream can go online, and the instance announce it
 * (workspaceChanged), before the answer to connect — which says "connecting" — reaches the page. That
 * answer must not put the switcher back to "Connecting…" for good.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HookscopeApi, WorkspaceInfo } from '../../shared/api';
import { createWorkspaceStore } from '../../renderer/src/stores/workspace-store';

const base: WorkspaceInfo = { state: 'connecting', message: 'Connecting to Team…', url: 'http://127.0.0.1:1', name: 'Team', person: 'vera', role: 'viewer', replayTarget: null };
const online: WorkspaceInfo = { ...base, state: 'online', message: 'Live: Team as vera (viewer)' };

/** a client whose answers are released by the test */
function slowClient(): { client: Pick<HookscopeApi, 'getWorkspace' | 'connectWorkspace' | 'disconnectWorkspace'>; release(info: WorkspaceInfo): void } {
  let release: (info: WorkspaceInfo) => void = () => undefined;
  const pending = (): Promise<WorkspaceInfo> => new Promise((resolve) => (release = resolve));
  return { client: { getWorkspace: pending, connectWorkspace: pending, disconnectWorkspace: pending }, release: (info) => release(info) };
}

test('an answer that arrives after a newer announced state does not replace it', async () => {
  const { client, release } = slowClient();
  const store = createWorkspaceStore(client);
  const connecting = store.getState().connect({ url: base.url!, token: 't' });
  store.getState().receive(online);
  release(base);
  assert.equal(await connecting, true);
  assert.equal(store.getState().info?.state, 'online');
  assert.equal(store.getState().busy, false);
});

test('an answer with nothing announced meanwhile is applied', async () => {
  const { client, release } = slowClient();
  const store = createWorkspaceStore(client);
  const connecting = store.getState().connect({ url: base.url!, token: 't' });
  release(base);
  await connecting;
  assert.equal(store.getState().info?.state, 'connecting');
  store.getState().receive(online);
  assert.equal(store.getState().info?.state, 'online');
});
