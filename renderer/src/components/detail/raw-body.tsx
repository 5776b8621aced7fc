import { useMemo } from 'react';
import { base64ToBytes, hexDump } from '../../lib/hex-dump';
import { countInvisibles, showInvisibles } from '../../lib/invisible-chars';
import { PagedText } from './paged-text';

/** Saves the exact bytes as a file (the raw body, not the redacted copy). */
function DownloadButton({ body, encoding }: { body: string; encoding: 'utf8' | 'base64' }) {
  const save = () => {
    const blob = new Blob([encoding === 'base64' ? new Uint8Array(base64ToBytes(body)) : body], { type: 'application/octet-stream' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'body.bin';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <button type="button" className="btn btn-small" onClick={save}>
      Download raw body
    </button>
  );
}

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
        <div className="button-row">
          <span className="muted">The body is binary (not UTF-8): shown as hex.</span>
          <DownloadButton body={body} encoding={encoding} />
        </div>
        <PagedText text={view.lines.join('\n')} label="Raw body (hex)" className="code-block hex" />
      </div>
    );
  }
  const edge = (s: string) => showInvisibles(s).map((x) => x.marker ?? '␠').join('');
  return (
    <div className="raw-body">
      {view.clipped ? <p className="muted paged-note">Showing the first {MAX_CHARS.toLocaleString()} of {body.length.toLocaleString()} characters — download for all of it.</p> : null}
      <p className="muted">
        <DownloadButton body={body} encoding={encoding} />{' '}
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
    </div>
  );
}
