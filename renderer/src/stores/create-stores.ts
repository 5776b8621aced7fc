/** All stores of the app from one client, and the wiring of the event stream into them. */
import type { HookscopeClient, StreamState } from '../client/types';
import { createAuditStore, type AuditStore } from './audit-store';
import { createDeliveriesStore, type DeliveriesStore } from './deliveries-store';
import { createDetailStore, type DetailStore } from './detail-store';
import { createReadinessStore, type ReadinessStore } from './readiness-store';
import { createSecurityStore, type SecurityStore } from './security-store';
import { createSettingsStore, type SettingsStore } from './settings-store';
import { createStatusStore, type StatusStore } from './status-store';
import { createTimelineStore, followDeliveries, type TimelineStore } from './timeline-store';
import { createUiStore, type ThemeChoice, type UiStore } from './ui-store';
import { createWorkspaceStore, type HistoryScope, type WorkspaceStore } from './workspace-store';
import { createWorkspaceClient } from '../client/workspace-client';

export interface Stores {
  client: HookscopeClient;
  /** whose history these stores hold: this instance's, or the connected team workspace's */
  scope: HistoryScope;
  status: StatusStore;
  deliveries: DeliveriesStore;
  timeline: TimelineStore;
  detail: DetailStore;
  settings: SettingsStore;
  security: SecurityStore;
  readiness: ReadinessStore;
  audit: AuditStore;
  ui: UiStore;
  workspace: WorkspaceStore;
  /** the same stores over the connected workspace (status, list, timeline, detail); the rest shared */
  workspaceView: Stores | null;
}

export function createStores(client: HookscopeClient, options: { theme?: ThemeChoice } = {}): Stores {
  const local: Stores = {
    client,
    scope: 'local',
    status: createStatusStore(client),
    deliveries: createDeliveriesStore(client),
    timeline: createTimelineStore(client),
    detail: createDetailStore(client),
    settings: createSettingsStore(client),
    security: createSecurityStore(client),
    readiness: createReadinessStore(client),
    audit: createAuditStore(client),
    ui: createUiStore({ theme: options.theme }),
    workspace: createWorkspaceStore(client),
    workspaceView: null,
  };
  local.workspaceView = workspaceViewOf(local);
  return local;
}

function workspaceViewOf(local: Stores): Stores {
  const client = createWorkspaceClient(local.client);
  return {
    ...local,
    client,
    scope: 'workspace',
    status: createStatusStore(client),
    deliveries: createDeliveriesStore(client),
    timeline: createTimelineStore(client),
    detail: createDetailStore(client),
    workspaceView: null,
  };
}

/** Feeds pushed events into the stores (and the workspace view's, from the workspace's relayed events); returns the unsubscribe function. */
export function connectStores(stores: Stores): () => void {
  const stopWorkspace = stores.workspaceView ? connectStores(stores.workspaceView) : () => undefined;
  let lastStream: StreamState | null = null;
  const stopTimeline = followDeliveries(stores.timeline, stores.deliveries);
  const stopEvents = stores.client.subscribe((event) => {
    switch (event.type) {
      case 'deliveriesAdded':
        stores.deliveries.getState().receiveAdded(event.payload.items);
        stores.status.getState().receiveAdded(event.payload.items);
        break;
      case 'deliveryUpdated':
        stores.deliveries.getState().receiveUpdated(event.payload.item);
        stores.detail.getState().receiveUpdated(event.payload.item);
        break;
      case 'tunnelStatusChanged':
        stores.status.getState().setTunnel(event.payload);
        void stores.status.getState().load();
        break;
      case 'alertRaised':
        stores.security.getState().receiveAlert(event.payload);
        break;
      case 'configChanged':
        void stores.status.getState().load();
        if (stores.scope === 'local' && stores.settings.getState().value) void stores.settings.getState().load();
        break;
      case 'workspaceChanged':
        stores.workspace.getState().receive(event.payload);
        break;
      case 'streamState':
        stores.status.getState().setStream(event.payload.state);
        // events may have been missed before the stream first opened (the initial page can be read
        // before the subscription exists) or while it was down: re-read the newest page
        if (event.payload.state === 'open' && lastStream !== 'open') {
          void stores.deliveries.getState().catchUp();
          void stores.status.getState().load();
        }
        lastStream = event.payload.state;
        break;
    }
  });
  return () => {
    stopEvents();
    stopTimeline();
    stopWorkspace();
  };
}
