import { useMemo } from 'react';
import { base64ToBytes, hexDump } from '../../lib/hex-dump';
import { countInvisibles, showInvisibles } from '../../lib/invisible-chars';

const MAX_CHARS = 256 * 1024;

/** The raw bytes as received: invisible characters made visible, non-UTF-8 bodies as hex. */
export function RawBody({ body, encoding }: { body: string; encoding: 'utf8' | 'base64' }) {
  const view = useMemo(() => {
    if (encoding === 'base64') return { kind: 'hex' as const, lines: hexDump(base64ToBytes(body)) };
    const clipped = body.length > MAX_CHARS;
    const segments = showInvisibles(clipped ? body.slice(0, MAX_CHARS) : body);
    const trailing = /[\s\u00a0\u200b\ufeff]+$/.exec(body)?.[0] ?? '';
    const leading = /^[\s\u00a0\u200b\ufeff]+/.exec(body)?.[0] ?? '';
    return { kind: 'text' as const, segments, clipped, invisible: countInvisibles(segments), trailing, leading };
  }, [body, encoding]);

  if (view.kind === 'hex') {
    return (
      <div className="raw-body">
        <p className="muted">The body is not valid UTF-8: shown as hex.</p>
        <pre className="code-block hex" aria-label="Raw body (hex)">{view.lines.join('\n')}</pre>
      </div>
    );
  }
  const edge = (s: string) => showInvisibles(s).map((x) => x.marker ?? '␠').join('');
  return (
    <div className="raw-body">
      <p className="muted">
        {view.invisible === 0 ? 'No invisible characters besides line feeds.' : `${view.invisible} invisible character${view.invisible === 1 ? '' : 's'} highlighted.`}
        {view.leading ? ` Starts with ${edge(view.leading)}.` : ''}
        {view.trailing ? ` Ends with ${edge(view.trailing)}.` : ''}
      </p>
      <pre className="code-block raw" aria-label="Raw body">
        {view.segments.map((s, i) =>
          s.marker ? (
            <span key={i} className="invisible-char" title={s.title}>
              {s.marker}
              {s.breakAfter ? '\n' : ''}
            </span>
          ) : (
            <span key={i}>{s.text}</span>
          ),
        )}
      </pre>
      {view.clipped ? <p className="muted">Showing the first {MAX_CHARS.toLocaleString()} characters.</p> : null}
    </div>
  );
}
