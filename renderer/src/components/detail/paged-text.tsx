import { useState } from 'react';

/** characters rendered per step: a 1 MB body opens with its first page, the rest on request */
export const TEXT_PAGE = 64 * 1024;

/** A long text shown a page at a time, the note about what is shown at the top where it is seen. */
export function PagedText({ text, label, className, note }: { text: string; label: string; className: string; note?: string }) {
  const [shown, setShown] = useState(TEXT_PAGE);
  const clipped = text.length > shown;
  return (
    <>
      {clipped || note ? (
        <p className="muted paged-note">
          {note ? `${note} ` : ''}
          {clipped ? `Showing the first ${shown.toLocaleString()} of ${text.length.toLocaleString()} characters.` : ''}
        </p>
      ) : null}
      <pre className={className} aria-label={label}>
        {clipped ? text.slice(0, shown) : text}
      </pre>
      {clipped ? (
        <div className="button-row">
          <button type="button" className="btn btn-small" onClick={() => setShown(shown + TEXT_PAGE)}>
            Show the next {(TEXT_PAGE / 1024).toFixed(0)} KiB
          </button>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setShown(text.length)}>
            Show all
          </button>
        </div>
      ) : null}
    </>
  );
}
