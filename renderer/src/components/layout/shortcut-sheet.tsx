import { useEffect, useRef } from 'react';
import { useStores } from '../../app/stores-context';

const SHORTCUTS: Array<[string, string]> = [
  ['Ctrl/⌘ K', 'command palette: views, queries, replay, copy as cURL, theme'],
  ['/', 'focus the query box'],
  ['j / k or ↓ / ↑', 'next / previous delivery (in the list)'],
  ['Page Down / Page Up', 'a screen further'],
  ['Home / End', 'newest / oldest delivery'],
  ['Enter', 'open the selected delivery'],
  ['← / →', 'switch detail tabs'],
  ['r', 'replay the selected delivery'],
  ['?', 'this sheet'],
  ['Esc', 'close'],
];

export function ShortcutSheet() {
  const { ui } = useStores();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    return () => before?.focus?.();
  }, []);
  const close = () => ui.getState().setOverlay(null);
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="palette sheet" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onKeyDown={(e) => e.key === 'Escape' && close()}>
        <div className="sheet-head">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button ref={ref} type="button" className="btn btn-ghost btn-small" onClick={close}>
            Close
          </button>
        </div>
        <table className="help-table">
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <td><kbd>{keys}</kbd></td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
