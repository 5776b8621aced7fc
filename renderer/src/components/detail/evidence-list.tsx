import { formatValue } from '../../lib/format';

/** A check's structured evidence as key/value pairs (text only). */
export function EvidenceList({ detail, label, collapsed = false }: { detail: Record<string, unknown>; label: string; collapsed?: boolean }) {
  const entries = Object.entries(detail);
  if (entries.length === 0) return null;
  const list = (
    <dl className="evidence" aria-label={label}>
      {entries.map(([key, value]) => (
        <div key={key} className="evidence-row">
          <dt>{key}</dt>
          <dd>
            <code>{formatValue(value)}</code>
          </dd>
        </div>
      ))}
    </dl>
  );
  if (!collapsed) return list;
  return (
    <details className="evidence-details">
      <summary>Evidence ({entries.length})</summary>
      {list}
    </details>
  );
}
