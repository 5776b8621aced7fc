import { useEffect } from 'react';
import { useReadiness, useStatus, useStores } from '../../app/stores-context';
import { OutcomeBadge } from '../common/outcome-badge';
import { ErrorNote } from '../common/error-note';

export function ReadinessView() {
  const { readiness } = useStores();
  const sources = useStatus((s) => s.status?.sources ?? []);
  const sourceId = useReadiness((s) => s.sourceId);
  const items = useReadiness((s) => s.items);
  const loading = useReadiness((s) => s.loading);
  const error = useReadiness((s) => s.error);
  const current = sourceId && sources.some((s) => s.id === sourceId) ? sourceId : (sources[0]?.id ?? null);

  useEffect(() => {
    if (current) void readiness.getState().load(current);
  }, [current, readiness]);

  const failing = items.filter((i) => i.status === 'fail').length;
  const warnings = items.filter((i) => i.status === 'warn').length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const verdict = failing
    ? `${plural(failing, 'item')} to fix before going live${warnings ? `, ${plural(warnings, 'warning')} to review` : ''}.`
    : warnings
      ? `No blockers; ${plural(warnings, 'warning')} to review before going live.`
      : 'Ready for production.';
  return (
    <div className="page">
      <div className="page-head">
        <h2>Readiness checklist</h2>
        {sources.length > 0 ? (
          <select aria-label="Source for the checklist" value={current ?? ''} onChange={(e) => void readiness.getState().load(e.target.value)}>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name || s.id}
              </option>
            ))}
          </select>
        ) : null}
      </div>
      {sources.length === 0 ? <p className="muted">Add a source in Settings to get its go-live checklist.</p> : null}
      <ErrorNote message={error} />
      {current && !loading && items.length > 0 ? (
        <p className={failing ? 'bad-text' : warnings ? 'warn-text' : 'ok-text'} role="status">
          {verdict}
        </p>
      ) : null}
      <ul className="checklist card" aria-label="Readiness checklist">
        {items.map((item) => (
          <li key={item.id} className={`check-item check-${item.status}`}>
            <div className="check-head">
              <OutcomeBadge outcome={item.status} />
              <strong>{item.label}</strong>
            </div>
            <p className="check-summary">{item.detail}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
