import { containerSummary, isContainer, scalarText, type JsonValue } from '../../lib/json-tree';

const MAX_CHILDREN = 200;

function Scalar({ value }: { value: JsonValue }) {
  const kind = value === null ? 'null' : typeof value;
  return <span className={`json-${kind}`}>{scalarText(value)}</span>;
}

function Node({ name, value, depth }: { name: string | null; value: JsonValue; depth: number }) {
  const key = name !== null ? <span className="json-key">{name}: </span> : null;
  if (!isContainer(value)) {
    return (
      <li className="json-leaf">
        {key}
        <Scalar value={value} />
      </li>
    );
  }
  const entries: Array<[string, JsonValue]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  return (
    <li>
      <details open={depth < 3}>
        <summary>
          {key}
          <span className="muted">{containerSummary(value)}</span>
        </summary>
        <ul className="json-children">
          {entries.slice(0, MAX_CHILDREN).map(([k, v]) => (
            <Node key={k} name={k} value={v} depth={depth + 1} />
          ))}
          {entries.length > MAX_CHILDREN ? <li className="muted">… {entries.length - MAX_CHILDREN} more</li> : null}
        </ul>
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
