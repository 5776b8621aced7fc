import { useEffect, useId, useRef, useState } from 'react';
import { QUERY_FIELDS, QUERY_OPERATORS_HELP } from '../../../../shared/query';

/** The "?" beside the query box: every field and operator with an example. */
export function QueryHelp() {
  const [open, setOpen] = useState(false);
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <div className="query-help" ref={ref}>
      <button type="button" className="btn btn-ghost btn-small" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        Query help
      </button>
      {open ? (
        <div className="popover" id={id} role="dialog" aria-label="Query language" tabIndex={0}>
          <table className="help-table">
            <tbody>
              {QUERY_OPERATORS_HELP.map(([example, help]) => (
                <tr key={example}>
                  <td><code>{example}</code></td>
                  <td>{help}</td>
                </tr>
              ))}
              {QUERY_FIELDS.map((f) => (
                <tr key={f.key}>
                  <td><code>{f.example}</code></td>
                  <td>{f.help}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">Values ignore case; * matches anything. Click a chip, status or source in a row to add it.</p>
        </div>
      ) : null}
    </div>
  );
}
