import { lineDiff } from '../../lib/line-diff';

const CONTEXT = 2;

/** Lines added (+) and removed (−) between two texts; unchanged runs away from a change fold into "…". */
export function DiffView({ before, after, label }: { before: string; after: string; label: string }) {
  const lines = lineDiff(before, after);
  if (lines === null) return <p className="muted">Too large to compare line by line.</p>;
  if (lines.every((l) => l.kind === 'same')) return <p className="muted">No changes: identical to the original.</p>;
  const keep = lines.map((_, i) => lines.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((n) => n.kind !== 'same'));
  return (
    <pre className="code-block diff" aria-label={label}>
      {lines.map((l, i) => {
        if (!keep[i]) return i > 0 && !keep[i - 1] ? null : <span key={i} className="diff-fold">{'…\n'}</span>;
        const mark = l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '− ' : '  ';
        return <span key={i} className={`diff-${l.kind}`}>{`${mark}${l.text}\n`}</span>;
      })}
    </pre>
  );
}
