import { useState, type KeyboardEvent } from 'react';

export interface OptionCursor {
  active: number;
  /** back to the first option (the options changed) */
  reset(): void;
  /** ArrowDown / ArrowUp move through the options, wrapping; Enter (and Tab when asked) chooses; true when the key was used */
  onKey(e: KeyboardEvent, options?: { tabChooses?: boolean }): boolean;
}

/**
 * The highlighted option of a combobox's list (the query bar's suggestions, the palette's commands): one
 * keyboard behaviour for both.
 */
export function useOptionCursor(count: number, choose: (index: number) => void): OptionCursor {
  const [active, setActive] = useState(0);
  const at = count === 0 ? 0 : Math.min(active, count - 1);
  return {
    active: at,
    reset: () => setActive(0),
    onKey(e, options = {}) {
      if (count === 0) return false;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((at + (e.key === 'ArrowDown' ? 1 : count - 1)) % count);
        return true;
      }
      if ((e.key === 'Enter' || (options.tabChooses && e.key === 'Tab')) && !e.shiftKey) {
        e.preventDefault();
        choose(at);
        return true;
      }
      return false;
    },
  };
}
