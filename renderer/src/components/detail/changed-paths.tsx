import { useMemo } from 'react';
import { diffDeliveries, type DiffEntry } from '../../../../shared/diff/json-diff';

/** what is compared: headers and a body (a delivery, a sent request, or a dev server's response) */
export interface DiffSide {
  name: string;
  headers: Array<[string, string]>;
  body: string;
}

const KIND_LABEL: Record<DiffEntry['kind'], string> = { added: 'added', removed: 'removed', changed: 'changed' };

/** The structural diff of two sides (shared/diff): headers by name, JSON bodies by path, each changed path with before/after. */
export function ChangedPaths({ left, right, label }: { left: DiffSide; right: DiffSide; label: string }) {
  const diff = useMemo(() => diffDeliveries(left, right), [left, right]);
  const count = diff.entries.length + diff.omitted;
  return (
    <section aria-label={label} className="compare-result">
      <p>
        {left.name} → {right.name}: {count === 0 ? 'headers and body are identical (after redaction).' : `${count} changed path${count === 1 ? '' : 's'}.`}
        {diff.structural ? '' : ' The bodies are not both JSON, so they are compared as whole texts.'}
      </p>
      {diff.entries.length > 0 ? (
        <ul className="compare-list" aria-label="Changed paths">
          {diff.entries.map((e) => (
            <li key={e.path} className={`compare-entry compare-${e.kind}`}>
              <span className="compare-kind">{KIND_LABEL[e.kind]}</span> <code className="compare-path">{e.path}</code>
              {e.before !== undefined ? (
                <span className="compare-value mono diff-removed">
                  <span className="sr-only">before: </span>− {e.before}
                </span>
              ) : null}
              {e.after !== undefined ? (
                <span className="compare-value mono diff-added">
                  <span className="sr-only">after: </span>+ {e.after}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {diff.omitted > 0 ? <p className="muted">{diff.omitted} more changed paths not listed.</p> : null}
    </section>
  );
}
