import type { Skew } from '../../lib/timestamp-skew';
import { formatSeconds } from '../../lib/format';

const W = 400;
const H = 70;
const MID = W / 2;
const PAD = 16;

/** The provider's timestamp against the ±tolerance window around the moment of receipt. */
export function TimestampTimeline({ skew }: { skew: Skew }) {
  const { offset, tolerance } = skew;
  // symmetric log scale: a ±300 s window stays visible next to a 2-hour skew
  const tol = Math.max(tolerance, 1);
  const f = (seconds: number) => Math.sign(seconds) * Math.log1p(Math.abs(seconds) / tol);
  const range = Math.max(f(Math.abs(offset)) * 1.15, Math.log1p(1.6));
  const x = (seconds: number) => MID + (f(seconds) / range) * (MID - PAD);
  const logScale = Math.abs(offset) > 3 * tol;
  const inside = Math.abs(offset) <= tolerance;
  const winLeft = Math.min(x(-tolerance), MID - 3);
  const winRight = Math.max(x(tolerance), MID + 3);
  const markerX = x(offset);
  const where = offset < 0 ? 'before' : 'after';
  const label = `Timestamp ${formatSeconds(offset)} ${where} receipt; allowed window ±${tolerance} s; ${inside ? 'inside' : 'outside'} the window`;
  return (
    <figure className="timeline">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
        <line x1={PAD} x2={W - PAD} y1={34} y2={34} className="tl-axis" />
        <rect x={winLeft} y={24} width={winRight - winLeft} height={20} rx={3} className="tl-window" />
        <line x1={MID} x2={MID} y1={18} y2={50} className="tl-now" />
        <text x={MID} y={62} textAnchor="middle" className="tl-text">
          received
        </text>
        {winRight - winLeft < 80 ? (
          <text x={MID} y={16} textAnchor="middle" className="tl-text">
            ±{tolerance}s
          </text>
        ) : (
          <>
            <text x={winLeft} y={16} textAnchor="middle" className="tl-text">
              −{tolerance}s
            </text>
            <text x={winRight} y={16} textAnchor="middle" className="tl-text">
              +{tolerance}s
            </text>
          </>
        )}
        <circle cx={markerX} cy={34} r={6} className={inside ? 'tl-marker ok' : 'tl-marker bad'} />
        <text x={Math.min(Math.max(markerX, PAD + 24), W - PAD - 24)} y={62} textAnchor="middle" className={inside ? 'tl-text' : 'tl-text bad'}>
          {Math.abs(markerX - MID) < 30 ? '' : formatSeconds(offset)}
        </text>
      </svg>
      <figcaption className="muted">
        Provider timestamp {formatSeconds(offset)} {where} receipt · window ±{tolerance} s{logScale ? ' · log scale' : ''}
      </figcaption>
    </figure>
  );
}
