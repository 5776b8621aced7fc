/** React access to the vanilla stores: one context, one hook per store with a selector. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Stores } from '../stores/create-stores';
import type { AuditState } from '../stores/audit-store';
import type { DeliveriesState } from '../stores/deliveries-store';
import type { DetailState } from '../stores/detail-store';
import type { ReadinessState } from '../stores/readiness-store';
import type { SecurityState } from '../stores/security-store';
import type { SettingsState } from '../stores/settings-store';
import type { StatusState } from '../stores/status-store';
import type { TimelineState } from '../stores/timeline-store';
import type { UiState } from '../stores/ui-store';
import type { WorkspaceState } from '../stores/workspace-store';

export const StoresContext = createContext<Stores | null>(null);

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores outside <StoresContext.Provider>');
  return stores;
}

export const useStatus = <U,>(selector: (s: StatusState) => U): U => useStore(useStores().status, selector);
export const useDeliveries = <U,>(selector: (s: DeliveriesState) => U): U => useStore(useStores().deliveries, selector);
export const useTimeline = <U,>(selector: (s: TimelineState) => U): U => useStore(useStores().timeline, selector);
export const useDetail = <U,>(selector: (s: DetailState) => U): U => useStore(useStores().detail, selector);
export const useSettings = <U,>(selector: (s: SettingsState) => U): U => useStore(useStores().settings, selector);
export const useSecurity = <U,>(selector: (s: SecurityState) => U): U => useStore(useStores().security, selector);
export const useReadiness = <U,>(selector: (s: ReadinessState) => U): U => useStore(useStores().readiness, selector);
export const useAudit = <U,>(selector: (s: AuditState) => U): U => useStore(useStores().audit, selector);
export const useUi = <U,>(selector: (s: UiState) => U): U => useStore(useStores().ui, selector);
export const useWorkspace = <U,>(selector: (s: WorkspaceState) => U): U => useStore(useStores().workspace, selector);
