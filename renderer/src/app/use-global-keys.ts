/** Keys that work on every view: Ctrl/Cmd+K opens the command palette, ? the shortcut sheet. */
import { useEffect } from 'react';
import type { Stores } from '../stores/create-stores';

function typingInto(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function useGlobalKeys(stores: Stores): void {
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      const ui = stores.ui.getState();
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        ui.setOverlay(ui.overlay === 'palette' ? null : 'palette');
      } else if (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !typingInto(e.target) && !ui.overlay) {
        e.preventDefault();
        ui.setOverlay('shortcuts');
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [stores]);
}
