import { useEffect } from 'react';
import type { Stores } from '../../stores/create-stores';
import { DETAIL_TABS_ID } from '../detail/detail-pane';
import { SEARCH_INPUT_ID } from './query-bar';
import { moveAndOpen } from './delivery-list';
import { findLoaded } from '../../lib/delivery-list';
import { replayKeyAllowed } from '../../lib/replay-key';

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Replays the selected delivery the way its source forwards (re-signed when the source re-signs). */
export async function replaySelected(stores: Stores): Promise<void> {
  const id = stores.deliveries.getState().selectedId ?? stores.detail.getState().id;
  if (!id || stores.detail.getState().replaying) return;
  const sourceId = findLoaded(stores.deliveries.getState().pages, id)?.sourceId ?? stores.detail.getState().detail?.sourceId;
  const forward = stores.settings.getState().value?.config.sources.find((s) => s.id === sourceId)?.forward;
  await stores.detail.getState().open(id);
  await stores.detail.getState().replay({ mode: forward?.resign ? 'resign' : 'original' });
}

/** j/k move the selection (the detail follows), Enter opens it (focus moves to the detail), r replays, / searches. */
export function useInspectorKeys(stores: Stores): void {
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || typingInto(e.target)) return;
      const deliveries = stores.deliveries.getState();
      const detail = stores.detail.getState();
      switch (e.key) {
        case 'j':
        case 'k': {
          e.preventDefault();
          void moveAndOpen(stores, e.key === 'j' ? 1 : -1);
          break;
        }
        case 'Enter': {
          const id = deliveries.selectedId;
          // Enter on a button or link keeps its own meaning
          if (!id || (e.target instanceof HTMLElement && ['BUTTON', 'A', 'SUMMARY'].includes(e.target.tagName))) return;
          e.preventDefault();
          void detail.open(id);
          document.querySelector<HTMLElement>(`#${DETAIL_TABS_ID} [aria-selected="true"]`)?.focus();
          break;
        }
        case 'r': {
          const id = deliveries.selectedId;
          if (!id) return;
          // a held key or a replay still running must not fire another replay
          if (!replayKeyAllowed(e, stores.detail.getState().replaying)) {
            e.preventDefault();
            return;
          }
          e.preventDefault();
          void replaySelected(stores);
          break;
        }
        case '/': {
          e.preventDefault();
          document.getElementById(SEARCH_INPUT_ID)?.focus();
          break;
        }
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [stores]);
}
