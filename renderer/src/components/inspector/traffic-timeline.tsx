import { useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { TimelineValue } from '../../../../shared/api';
import { useDeliveries, useStores, useTimeline } from '../../app/stores-context';
import { fieldValue } from '../../lib/delivery-list';
import { describeStep, perStep, rangeQuery, spansDays, stepLabel, withoutRange } from '../../lib/timeline';

interface Brush {
  anchor: number;
  end: number;
}

/**
 * Deliveries per time step above the list, verified and rejected stacked. Drag across bars (or use the
 * arrow keys, Shift to extend, Enter to apply) to put that range into the query as after:/before:.
 */
export function TrafficTimeline() {
  const stores = useStores();
  const value = useTimeline((s) => s.value);
  const error = useTimeline((s) => s.error);
  const query = useDeliveries((s) => s.query);
  const ranged = fieldValue(query, 'after') !== null || fieldValue(query, 'before') !== null;

  if (error) return <p className="traffic-note muted">Timeline unavailable: {error}</p>;
  if (!value) return null;
  const apply = (q: string) => void stores.deliveries.getState().setQuery(q);
  return (
    <section className="traffic" aria-label="Traffic timeline">
      <div className="traffic-head">
        <span className="muted traffic-summary">
          {value.buckets.length === 0
            ? 'No deliveries to chart.'
            : `${value.total.toLocaleString()} charted, ${perStep(value.bucketMs)} · ${stepLabel(value.from!, value.bucketMs, spansDays(value))} – ${stepLabel(value.to!, value.bucketMs, spansDays(value))}`}
        </span>
        <span className="traffic-legend" aria-hidden="true">
          <span className="swatch swatch-verified" /> verified <span className="swatch swatch-rejected" /> rejected
        </span>
        {ranged ? (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => apply(withoutRange(query))}>
            Clear time range
          </button>
        ) : null}
      </div>
      {value.buckets.length > 0 ? <Chart value={value} onRange={(first, last) => apply(rangeQuery(query, value, first, last))} /> : null}
    </section>
  );
}

function Chart({ value, onRange }: { value: TimelineValue; onRange(first: number, last: number): void }) {
  const n = value.buckets.length;
  const [cursor, setCursor] = useState(n - 1);
  const [brush, setBrush] = useState<Brush | null>(null);
  const dragging = useRef(false);
  const helpId = useId();
  const at = Math.min(cursor, n - 1);
  const max = Math.max(1, ...value.buckets.map((b) => b.verified + b.rejected));

  const indexAt = (e: PointerEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return Math.min(n - 1, Math.max(0, Math.floor(((e.clientX - box.left) / Math.max(1, box.width)) * n)));
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const i = indexAt(e);
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    setCursor(i);
    setBrush({ anchor: i, end: i });
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    const i = indexAt(e);
    setCursor(i);
    setBrush((b) => (b ? { ...b, end: i } : b));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current || !brush) return;
    dragging.current = false;
    const end = indexAt(e);
    setBrush(null);
    onRange(brush.anchor, end);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: n - 1, PageUp: at - 10, PageDown: at + 10 };
    if (e.key in moves) {
      e.preventDefault();
      const next = Math.min(n - 1, Math.max(0, moves[e.key]));
      setCursor(next);
      setBrush(e.shiftKey ? { anchor: brush?.anchor ?? at, end: next } : null);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onRange(brush?.anchor ?? at, brush?.end ?? at);
      setBrush(null);
    } else if (e.key === 'Escape' && brush) {
      e.preventDefault();
      setBrush(null);
    }
  };

  const lo = brush ? Math.min(brush.anchor, brush.end) : at;
  const hi = brush ? Math.max(brush.anchor, brush.end) : at;
  const current = value.buckets[at];
  const valueText = brush && lo !== hi ? `${hi - lo + 1} steps selected, from ${describeStep(value.buckets[lo], value)}; to ${describeStep(value.buckets[hi], value)}` : describeStep(current, value);
  const busy = value.buckets.filter((b) => b.verified + b.rejected > 0);
  return (
    <>
      <div
        className="traffic-chart"
        role="slider"
        tabIndex={0}
        aria-label="Timeline: choose a time range for the query"
        aria-describedby={helpId}
        aria-valuemin={0}
        aria-valuemax={n - 1}
        aria-valuenow={at}
        aria-valuetext={valueText}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          dragging.current = false;
          setBrush(null);
        }}
      >
        <svg viewBox={`0 0 ${n} 100`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
          {value.buckets.map((b, i) => {
            const total = b.verified + b.rejected;
            if (total === 0) return null;
            // at least a sliver, so a single delivery in a busy window is still seen
            const h = Math.max(4, (total / max) * 96);
            const hr = (b.rejected / total) * h;
            return (
              <g key={b.at}>
                {b.verified > 0 ? <rect className="tl-verified" x={i + 0.1} width={0.8} y={100 - h} height={h - hr} /> : null}
                {b.rejected > 0 ? <rect className="tl-rejected" x={i + 0.1} width={0.8} y={100 - hr} height={hr} /> : null}
              </g>
            );
          })}
        </svg>
        <div className={`traffic-selection${brush ? ' brushing' : ''}`} style={{ left: `${(lo / n) * 100}%`, width: `${((hi - lo + 1) / n) * 100}%` }} aria-hidden="true" />
      </div>
      <p id={helpId} className="sr-only">
        Arrow keys move between steps, Shift with an arrow extends a range, Enter filters the list to it. Or drag across the bars.
      </p>
      <details className="traffic-table">
        <summary>As a table ({busy.length} busy step{busy.length === 1 ? '' : 's'})</summary>
        {/* focusable: a scrolled region must be reachable by keyboard */}
        <div className="traffic-table-scroll" tabIndex={0} role="region" aria-label="Deliveries per step, as a table">
        <table>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">Verified</th>
              <th scope="col">Rejected</th>
            </tr>
          </thead>
          <tbody>
            {busy.map((b) => (
              <tr key={b.at}>
                <td>{stepLabel(b.at, value.bucketMs, spansDays(value))}</td>
                <td>{b.verified.toLocaleString()}</td>
                <td>{b.rejected.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      </details>
    </>
  );
}
