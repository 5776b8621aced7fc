import { useState, type FormEvent } from 'react';
import type { DeliveryDetail } from '../../../../shared/api';
import { diffDeliveries, type DiffEntry } from '../../../../shared/diff/json-diff';
import { useDetail, useStores } from '../../app/stores-context';
import { ErrorNote } from '../common/error-note';

const KIND_LABEL: Record<DiffEntry['kind'], string> = { added: 'added', removed: 'removed', changed: 'changed' };

/** Diff of the open delivery against another one (by id, or the one open before): changed paths only. */
export function CompareTab({ detail }: { detail: DeliveryDetail }) {
  const stores = useStores();
  const previousId = useDetail((s) => s.previousId);
  const compared = useDetail((s) => s.compared);
  const comparing = useDetail((s) => s.comparing);
  const error = useDetail((s) => s.compareError);
  const [otherId, setOtherId] = useState('');
  const compare = (id: string) => void stores.detail.getState().compareWith(id);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    compare(otherId);
  };

  return (
    <div className="compare-tab">
      <form className="field" onSubmit={onSubmit}>
        <label htmlFor="compare-id">Compare with delivery</label>
        <div className="compare-row">
          <input id="compare-id" value={otherId} onChange={(e) => setOtherId(e.target.value)} placeholder="delivery id" spellCheck={false} />
          <button type="submit" className="btn btn-small" disabled={comparing}>
            Compare
          </button>
        </div>
        {previousId && previousId !== detail.id ? (
          <p className="hint muted">
            or{' '}
            <button type="button" className="link" onClick={() => compare(previousId)}>
              the delivery opened before (<code>{previousId}</code>)
            </button>
          </p>
        ) : null}
      </form>
      {error ? <ErrorNote message={error} /> : null}
      {comparing ? <p className="muted">Loading…</p> : null}
      {compared && !comparing ? <DiffList left={detail} right={compared} /> : null}
    </div>
  );
}

function DiffList({ left, right }: { left: DeliveryDetail; right: DeliveryDetail }) {
  const diff = diffDeliveries(left, right);
  return (
    <section aria-label="Differences" className="compare-result">
      <p>
        <code>{left.id}</code> → <code>{right.id}</code>:{' '}
        {diff.entries.length === 0 ? 'headers and body are identical (after redaction).' : `${diff.entries.length + diff.omitted} changed path${diff.entries.length + diff.omitted === 1 ? '' : 's'}.`}
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
