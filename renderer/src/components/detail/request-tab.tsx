import { useMemo, useState } from 'react';
import type { DeliveryDetail } from '../../../../shared/api';
import { useDetail, useStores } from '../../app/stores-context';
import { formatBytes } from '../../lib/format';
import { parseJsonBody } from '../../lib/json-tree';
import { ErrorNote } from '../common/error-note';
import { HeadersTable } from './headers-table';
import { JsonTree } from './json-tree';
import { RawBody } from './raw-body';
import { PagedText } from './paged-text';

const TREE_LIMIT = 512 * 1024;

export function RequestTab({ detail }: { detail: DeliveryDetail }) {
  const { detail: store } = useStores();
  const raw = useDetail((s) => s.raw);
  const rawLoading = useDetail((s) => s.rawLoading);
  const rawError = useDetail((s) => s.rawError);
  const [asText, setAsText] = useState(false);
  const json = useMemo(() => (detail.body.length <= TREE_LIMIT ? parseJsonBody(detail.body) : null), [detail.body]);

  return (
    <div className="request-tab">
      <dl className="meta-grid">
        <dt>Request</dt>
        <dd>
          <code>
            {detail.method} {detail.path}
          </code>
        </dd>
        <dt>Content-Type</dt>
        <dd>{detail.contentType ?? '—'}</dd>
        <dt>Size</dt>
        <dd>{formatBytes(detail.size)}</dd>
        <dt>SHA-256</dt>
        <dd>
          <code className="hash">{detail.bodySha256}</code>
        </dd>
        <dt>Client IP</dt>
        <dd>{detail.clientIp}</dd>
        {detail.idempotencyKey ? (
          <>
            <dt>Idempotency key</dt>
            <dd>
              <code>{detail.idempotencyKey}</code>
            </dd>
          </>
        ) : null}
      </dl>

      <h3>Headers</h3>
      <HeadersTable headers={detail.headers} label="Request headers" />

      <div className="section-head">
        <h3>Body</h3>
        <span className="muted">redacted</span>
        {json ? (
          <button type="button" className="btn btn-ghost btn-small" aria-pressed={asText} onClick={() => setAsText(!asText)}>
            {asText ? 'Show as tree' : 'Show as text'}
          </button>
        ) : null}
      </div>
      {json && !asText ? (
        <JsonTree value={json} label="Body (JSON tree)" />
      ) : (
        <PagedText
          key={detail.id}
          text={detail.body || '(empty body)'}
          label="Body (redacted)"
          className="code-block"
          note={detail.body.length > TREE_LIMIT ? `A large body (${formatBytes(detail.size)}) is shown as text.` : undefined}
        />
      )}

      <div className="section-head">
        <h3>Raw bytes</h3>
        {!raw ? (
          <button type="button" className="btn" disabled={!detail.rawAvailable || rawLoading} onClick={() => void store.getState().revealRaw()}>
            {rawLoading ? 'Revealing…' : 'Reveal raw body'}
          </button>
        ) : null}
      </div>
      {!detail.rawAvailable ? <p className="muted">The raw body is no longer stored (retention).</p> : null}
      {!raw && detail.rawAvailable ? <p className="muted">The raw body is stored encrypted and may contain personal data; revealing it is recorded in the audit log.</p> : null}
      <ErrorNote message={rawError} />
      {raw ? <RawBody body={raw.body} encoding={raw.encoding} /> : null}
    </div>
  );
}
