import type { RetryChainEntry } from '../../../../shared/api';
import { formatSeconds } from '../../lib/format';
import { ordinal } from '../../lib/retry-label';

const W = 400;
const H = 58;
const PAD = 18;

/** The provider's observed retry schedule: every arrival of one event id on a time line. */
export function RetryTimeline({ chain, currentId, onOpen }: { chain: RetryChainEntry[]; currentId: string; onOpen(id: string): void }) {
  const t0 = Date.parse(chain[0].receivedAt);
  const offsets = chain.map((e) => (Date.parse(e.receivedAt) - t0) / 1000);
  const span = Math.max(offsets[offsets.length - 1], 1);
  // square-root scale: a retry after seconds stays apart from one after hours
  const x = (s: number) => PAD + (Math.sqrt(s) / Math.sqrt(span)) * (W - 2 * PAD);
  const schedule = offsets.slice(1).map((s, i) => formatSeconds(s - offsets[i])).join(', ');
  return (
    <figure className="timeline retry-timeline">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${chain.length} arrivals of this event; gaps ${schedule}`} preserveAspectRatio="xMidYMid meet">
        <line x1={PAD} x2={W - PAD} y1={24} y2={24} className="tl-axis" />
        {chain.map((e, i) => {
          const ok = e.status >= 200 && e.status < 300;
          return (
            <g key={e.id}>
              <circle cx={x(offsets[i])} cy={24} r={e.id === currentId ? 7 : 5} className={`tl-marker ${ok ? 'ok' : 'bad'}${e.id === currentId ? ' current' : ''}`} />
              <text x={x(offsets[i])} y={48} textAnchor="middle" className="tl-text">
                {e.status}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">
        {chain.length} arrivals · gaps {schedule} ·{' '}
        {chain.map((e, i) => (
          <span key={e.id}>
            {i > 0 ? ' ' : ''}
            {e.id === currentId ? (
              <strong>{ordinal(i + 1)}</strong>
            ) : (
              <button type="button" className="link" onClick={() => onOpen(e.id)}>
                {ordinal(i + 1)}
              </button>
            )}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
