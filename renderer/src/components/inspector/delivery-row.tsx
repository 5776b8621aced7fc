import { memo } from 'react';
import type { DeliverySummary } from '../../../../shared/api';
import { formatDateTime, formatTime } from '../../lib/format';
import { CheckPill } from '../common/check-pill';
import { ForwardStatus } from '../common/forward-status';
import { VerdictBadge } from '../common/verdict-badge';

interface Props {
  item: DeliverySummary;
  index: number;
  selected: boolean;
  top: number;
  height: number;
  onSelect(id: string): void;
}

export const DeliveryRow = memo(function DeliveryRow({ item, index, selected, top, height, onSelect }: Props) {
  return (
    <div
      role="row"
      id={`delivery-${item.id}`}
      aria-rowindex={index + 1}
      aria-selected={selected}
      data-delivery-id={item.id}
      className={`delivery-row verdict-row-${item.verdict}${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={() => onSelect(item.id)}
    >
      <span role="gridcell" className="cell-time">
        <time dateTime={item.receivedAt} title={formatDateTime(item.receivedAt)}>
          {formatTime(item.receivedAt).slice(0, 8)}
        </time>
      </span>
      <span role="gridcell" className="cell-main">
        <span className="row-event">{item.eventType ?? <span className="muted">{item.method} {item.path}</span>}</span>
        <span className="row-source muted">{item.sourceId ?? 'unmatched'}{item.duplicateOf ? ' · duplicate' : ''}</span>
      </span>
      <span role="gridcell" className="cell-verdict">
        <VerdictBadge verdict={item.verdict} />
        <span className="row-status muted">HTTP {item.status}</span>
      </span>
      <span role="gridcell" className="cell-checks">
        {item.checks.map((check) => (
          <CheckPill key={check.id} check={check} />
        ))}
      </span>
      <span role="gridcell" className="cell-forward">
        <ForwardStatus forward={item.forward} />
      </span>
    </div>
  );
});
