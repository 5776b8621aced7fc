/** View switcher and theme choice (applied to the document by the App, not here). */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RouteView } from '../../../shared/route';

/** the views a URL can name (shared/route.ts, also behind hookscope:// links) */
export type View = RouteView;
export type ThemeChoice = 'system' | 'light' | 'dark';
/** below ~1,100 px the inspector shows one pane at a time */
export type InspectorPane = 'sources' | 'list' | 'detail';

export interface UiState {
  view: View;
  theme: ThemeChoice;
  /** Settings: open the "add source" form when the view opens */
  addSourceRequested: boolean;
  inspectorPane: InspectorPane;
  /** the command palette (Ctrl/Cmd+K) or the shortcut sheet (?) over the page */
  overlay: 'palette' | 'shortcuts' | null;
  setView(view: View): void;
  setOverlay(overlay: 'palette' | 'shortcuts' | null): void;
  setInspectorPane(pane: InspectorPane): void;
  setTheme(theme: ThemeChoice): void;
  requestAddSource(): void;
  consumeAddSource(): boolean;
}

export type UiStore = StoreApi<UiState>;

export function createUiStore(initial: Partial<Pick<UiState, 'view' | 'theme'>> = {}): UiStore {
  return createStore<UiState>()((set, get) => ({
    view: initial.view ?? 'inspector',
    theme: initial.theme ?? 'system',
    addSourceRequested: false,
    inspectorPane: 'list',
    overlay: null,
    setOverlay(overlay) {
      set({ overlay });
    },
    setView(view) {
      set({ view });
    },
    setInspectorPane(inspectorPane) {
      set({ inspectorPane });
    },
    setTheme(theme) {
      set({ theme });
    },
    requestAddSource() {
      set({ view: 'settings', addSourceRequested: true });
    },
    consumeAddSource() {
      const requested = get().addSourceRequested;
      if (requested) set({ addSourceRequested: false });
      return requested;
    },
  }));
}

/** The theme that applies: an explicit choice, else the system's preference. */
export function effectiveTheme(choice: ThemeChoice, systemPrefersDark: boolean): 'light' | 'dark' {
  if (choice === 'light' || choice === 'dark') return choice;
  return systemPrefersDark ? 'dark' : 'light';
}
