import { CopyButton } from '../common/copy-button';

interface Props {
  label: string;
  url: string | null;
  sourceName: string;
  emptyText?: string;
}

export function UrlRow({ label, url, sourceName, emptyText }: Props) {
  return (
    <div className="url-row">
      <span className="url-label">{label}</span>
      {url ? (
        <>
          <code className="url" title={url}>
            {url}
          </code>
          <CopyButton text={url} label={`Copy ${label.toLowerCase()} URL of ${sourceName}`} />
        </>
      ) : (
        <span className="muted">{emptyText ?? '—'}</span>
      )}
    </div>
  );
}
