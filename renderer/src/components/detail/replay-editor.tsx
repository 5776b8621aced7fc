import { useEffect, useMemo, useState } from 'react';
import type { DeliveryDetail } from '../../../../shared/api';
import { checkBody } from '../../lib/body-check';
import { useDetail, useStores } from '../../app/stores-context';
import { DiffView } from './diff-view';

/**
 * Edit & re-sign: opens on the raw body (revealing it is audited, like the Request tab's reveal), checks
 * JSON/form as the user types, needs a deliberate confirmation to send invalid JSON, shows the diff.
 */
export function ReplayEditor({ detail, target, onClose }: { detail: DeliveryDetail; target: string; onClose(): void }) {
  const { detail: store } = useStores();
  const raw = useDetail((s) => s.raw);
  const rawLoading = useDetail((s) => s.rawLoading);
  const rawError = useDetail((s) => s.rawError);
  const replaying = useDetail((s) => s.replaying);
  const original = raw && raw.encoding === 'utf8' ? raw.body : null;
  const [body, setBody] = useState<string | null>(null);
  const [confirmInvalid, setConfirmInvalid] = useState(false);

  useEffect(() => {
    if (!raw && !rawLoading && detail.rawAvailable) void store.getState().revealRaw();
  }, [raw, rawLoading, detail.rawAvailable, store]);
  useEffect(() => {
    if (original !== null && body === null) setBody(original);
  }, [original, body]);

  const check = useMemo(() => (body === null ? null : checkBody(body, detail.contentType)), [body, detail.contentType]);
  useEffect(() => setConfirmInvalid(false), [body]);

  if (!detail.rawAvailable) return <p className="error-note">The raw body was purged by retention, so there are no original bytes to edit.</p>;
  if (raw && raw.encoding !== 'utf8') return <p className="error-note">The body is binary (not UTF-8), so it cannot be edited as text. Replay it as received or re-signed instead.</p>;
  if (rawError) return <p className="error-note">Could not reveal the raw body to edit: {rawError}</p>;
  if (body === null || original === null) {
    return (
      <p className="muted" role="status">
        Revealing the raw body (audited)…
      </p>
    );
  }
  const invalid = check !== null && !check.ok;
  const blocked = invalid && check.kind === 'json' && !confirmInvalid;
  return (
    <div className="edit-body">
      <label className="field">
        <span>Body to send: the original bytes, re-signed with a fresh timestamp when sent (this reveal is in the audit log)</span>
        <textarea
          aria-label="Body to re-sign"
          aria-invalid={invalid}
          aria-describedby="replay-body-check"
          rows={12}
          spellCheck={false}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
      </label>
      <p id="replay-body-check" className={invalid ? 'error-note' : 'muted hint'} role={invalid ? 'alert' : 'status'}>
        {check === null ? '' : check.ok ? (check.kind === 'text' ? 'Sent as typed.' : `Valid ${check.kind === 'json' ? 'JSON' : 'form data'}.`) : check.message}
      </p>
      {invalid && check.kind === 'json' ? (
        <label className="check-row">
          <input type="checkbox" checked={confirmInvalid} onChange={(e) => setConfirmInvalid(e.target.checked)} /> Send this invalid JSON anyway (to test how the app handles it)
        </label>
      ) : null}
      <details open>
        <summary>Changes against the original</summary>
        <DiffView before={original} after={body} label="Changes against the original body" />
      </details>
      <div className="button-row">
        <button
          type="button"
          className="btn btn-primary"
          disabled={replaying || blocked || invalid && check.kind === 'form'}
          onClick={() => void store.getState().replay({ mode: 'resign', target, body })}
        >
          Send edited body, re-signed
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => setBody(original)} disabled={body === original}>
          Reset to original
        </button>
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          Close editor
        </button>
      </div>
    </div>
  );
}
