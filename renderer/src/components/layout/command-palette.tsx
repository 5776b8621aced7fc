import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useStores } from '../../app/stores-context';
import type { Stores } from '../../stores/create-stores';
import type { View } from '../../stores/ui-store';
import { filterCommands } from '../../lib/palette-commands';
import { OptionList } from '../common/option-list';
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
  }
}

/** Ctrl/Cmd+K: type to filter; Enter runs the highlighted command (or the text as a query). */
export function CommandPalette() {
  const stores = useStores();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const commands = filterCommands(text);
  const hasSelection = stores.detail.getState().id !== null;
  const shown = commands.filter((c) => hasSelection || (c.id !== 'replay' && c.id !== 'copy-curl'));

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
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') close();
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (shown.length) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(active);
    }
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
            setActive(0);
          }}
        />
        <OptionList
          id={listId}
          label="Commands"
          className="palette-list"
          items={shown}
          active={active}
          itemKey={(c) => c.id}
          render={(c) => (
            <>
              {c.label}
              {c.shortcut ? <kbd>{c.shortcut}</kbd> : null}
            </>
          )}
          onChoose={choose}
          empty="No command matches."
        />
      </div>
    </div>
  );
}
