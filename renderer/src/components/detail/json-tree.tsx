import { useState } from 'react';
import { containerSummary, isContainer, OPEN_DEPTH, scalarKind, scalarText, shownChildren, type JsonContainer, type JsonValue } from '../../lib/json-tree';

function Children({ value, depth }: { value: JsonContainer; depth: number }) {
  const { entries, more } = shownChildren(value);
  return (
    <ul className="json-children">
      {entries.map(([k, v]) => (
        <Node key={k} name={k} value={v} depth={depth + 1} />
      ))}
      {more > 0 ? <li className="muted">… {more} more</li> : null}
    </ul>
  );
}

function Node({ name, value, depth }: { name: string | null; value: JsonValue; depth: number }) {
  // children of a collapsed node are not rendered at all: a huge body costs only what is expanded
  const [open, setOpen] = useState(depth < OPEN_DEPTH);
  const key = name !== null ? <span className="json-key">{name}: </span> : null;
  if (!isContainer(value)) {
    return (
      <li className="json-leaf">
        {key}
        <span className={`json-${scalarKind(value)}`}>{scalarText(value)}</span>
      </li>
    );
  }
  return (
    <li>
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          {key}
          <span className="muted">{containerSummary(value)}</span>
        </summary>
        {open ? <Children value={value} depth={depth} /> : null}
      </details>
    </li>
  );
}

/** Collapsible JSON, rendered as text nodes only. */
export function JsonTree({ value, label }: { value: JsonValue; label: string }) {
  return (
    <ul className="json-tree" aria-label={label}>
      <Node name={null} value={value} depth={0} />
    </ul>
  );
}
