import { memo, type MouseEvent } from 'react';
import type { DeliverySummary } from '../../../../shared/api';
import { formatDate, formatDateTime, formatRelative, formatTime } from '../../lib/format';
import { summaryChip } from '../../lib/summary-chip';
import { retryLabel } from '../../lib/retry-label';
import { ForwardStatus } from '../common/forward-status';

interface Props {
  item: DeliverySummary | undefined;
  index: number;
  selected: boolean;
  top: number;
  height: number;
  onSelect(id: string, index: number): void;
  /** adds a query term (chip, status or source clicked) */
  onTerm(term: string): void;
}

export const DeliveryRow = memo(function DeliveryRow({ item, index, selected, top, height, onSelect, onTerm }: Props) {
  const style = { transform: `translateY(${top}px)`, height };
  if (!item) {
    return (
      <div role="row" aria-rowindex={index + 1} className="delivery-row placeholder" style={style}>
        <span role="gridcell" className="cell-main muted">Loading…</span>
      </div>
    );
  }
  const chip = summaryChip(item);
  const term = (value: string) => (e: MouseEvent) => {
    e.stopPropagation();
    onTerm(value);
  };
  const source = item.sourceId ?? 'unmatched';
  return (
    <div
      role="row"
      id={`delivery-${item.id}`}
      aria-rowindex={index + 1}
      aria-selected={selected}
      data-delivery-id={item.id}
      className={`delivery-row verdict-row-${item.verdict}${selected ? ' selected' : ''}`}
      style={style}
      onClick={() => onSelect(item.id, index)}
    >
      <span role="gridcell" className="cell-time">
        <time dateTime={item.receivedAt} title={`${formatDateTime(item.receivedAt)} — ${formatRelative(item.receivedAt, Date.now())}`}>
          <span className="row-date">{formatDate(item.receivedAt)}</span>
          <span className="row-clock">{formatTime(item.receivedAt)}</span>
        </time>
      </span>
      <span role="gridcell" className="cell-main">
        <span className="row-event">{item.eventType ?? `${item.method} ${item.path}`}</span>
        <span className="row-source">
          <button type="button" className="row-link" title={`Show only ${source}`} onClick={term(`source:${source}`)} tabIndex={-1}>
            {source}
          </button>
          {item.retry ? (
            <span className="row-retry" title="Arrivals of the same provider event id (its retries and redeliveries)">
              {' '}
              · {retryLabel(item.retry)}
            </span>
          ) : item.eventType ? (
            <span className="muted"> · {item.method} {item.path}</span>
          ) : null}
        </span>
      </span>
      <span role="gridcell" className="cell-verdict">
        <button type="button" className={`chip chip-${chip.tone}`} title={`${chip.title} — click to filter`} onClick={term(chip.term)} tabIndex={-1}>
          {chip.label}
        </button>
        <button type="button" className="row-link row-status" title={`Show only status ${item.status}`} onClick={term(`status:${item.status}`)} tabIndex={-1}>
          {item.status}
        </button>
      </span>
      <span role="gridcell" className="cell-forward">
        <ForwardStatus forward={item.forward} />
      </span>
    </div>
  );
});
