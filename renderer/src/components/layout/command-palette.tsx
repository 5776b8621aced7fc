import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { CompareMode } from '../../stores/detail-store';
import { useStores } from '../../app/stores-context';
import type { Stores } from '../../stores/create-stores';
import type { View } from '../../stores/ui-store';
import { filterCommands, type PaletteCommand } from '../../lib/palette-commands';
import { OptionList, type ListOption } from '../common/option-list';
import { useOptionCursor } from '../common/use-option-cursor';
import { saveTheme, systemPrefersDark, toggledTheme } from '../../lib/theme-choice';
import { moveAndOpen } from '../inspector/delivery-list';
import { replaySelected } from '../inspector/use-inspector-keys';

async function run(stores: Stores, id: string, text: string): Promise<void> {
  const ui = stores.ui.getState();
  if (id.startsWith('view:')) return ui.setView(id.slice(5) as View);
  switch (id) {
    case 'query':
      ui.setView('inspector');
      return stores.deliveries.getState().setQuery(text.trim());
    case 'replay':
      ui.setView('inspector');
      return replaySelected(stores);
    case 'copy-curl': {
      const selected = stores.detail.getState().id;
      if (!selected) return;
      const { text: curl } = await stores.client.exportDeliveries({ ids: [selected], format: 'curl' });
      return navigator.clipboard.writeText(curl);
    }
    case 'newest':
    case 'oldest':
      ui.setView('inspector');
      return moveAndOpen(stores, id === 'newest' ? 'first' : 'last');
    case 'pause':
      return stores.deliveries.getState().setPaused(!stores.deliveries.getState().paused);
    case 'theme': {
      const next = toggledTheme(ui.theme, systemPrefersDark());
      ui.setTheme(next);
      return saveTheme(next);
    }
    case 'shortcuts':
      return ui.setOverlay('shortcuts');
    case 'compare-previous':
    case 'compare-id': {
      const detail = stores.detail.getState();
      const other = id === 'compare-id' ? text.trim() : detail.previousId;
      if (!other) return;
      showCompare(stores, 'delivery');
      return detail.compareWith(other);
    }
    case 'compare-sent':
      return showCompare(stores, 'sent');
    case 'compare-responses':
      return showCompare(stores, 'responses');
  }
}

/** the Compare tab of the open delivery, in the given mode */
function showCompare(stores: Stores, mode: CompareMode): void {
  stores.ui.getState().setView('inspector');
  stores.ui.getState().setInspectorPane('detail');
  stores.detail.getState().setCompareMode(mode);
  stores.detail.getState().setTab('compare');
}

const commandOption = (c: PaletteCommand): ListOption => ({
  key: c.id,
  content: (
    <>
      {c.label}
      {c.shortcut ? <kbd>{c.shortcut}</kbd> : null}
    </>
  ),
});

/** Ctrl/Cmd+K: type to filter; Enter runs the highlighted command (or the text as a query). */
export function CommandPalette() {
  const stores = useStores();
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const detail = stores.detail.getState();
  const shown = filterCommands(text, { selected: detail.id !== null, previousId: detail.previousId !== detail.id ? detail.previousId : null });

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    inputRef.current?.focus();
    return () => before?.focus?.();
  }, []);

  const close = () => stores.ui.getState().setOverlay(null);
  const choose = (index: number) => {
    const command = shown[index];
    if (!command) return;
    close();
    void run(stores, command.id, text);
  };
  const cursor = useOptionCursor(shown.length, choose);
  const { active } = cursor;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') close();
    else cursor.onKey(e);
  };

  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" onKeyDown={onKeyDown}>
        <input
          ref={inputRef}
          className="palette-input"
          role="combobox"
          aria-label="Command or query"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={shown.length ? `${listId}-${active}` : undefined}
          placeholder="Go to a view, run a query, replay, copy as cURL, toggle the theme…"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            cursor.reset();
          }}
        />
        <OptionList id={listId} label="Commands" className="palette-list" active={active} onChoose={choose} options={shown.map(commandOption)} empty="No command matches." />
      </div>
    </div>
  );
}
