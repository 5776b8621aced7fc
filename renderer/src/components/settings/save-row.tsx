/** The submit button of a settings form and its status note (announced to screen readers). */
export function SaveRow({ label, note }: { label: string; note: string | null }) {
  return (
    <div className="button-row">
      <button type="submit" className="btn">
        {label}
      </button>
      {note ? (
        <span role="status" className="muted">
          {note}
        </span>
      ) : null}
    </div>
  );
}
