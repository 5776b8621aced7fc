import { useEffect, useState } from 'react';
import type { DeliveryDetail } from '../../../../shared/api';
import { useDetail, useSettings, useStores } from '../../app/stores-context';
import { ErrorNote } from '../common/error-note';

/** Replay as received or re-signed, to the forward URL or another loopback target; edit & re-sign. */
export function ReplayControls({ detail }: { detail: DeliveryDetail }) {
  const { detail: store } = useStores();
  const replaying = useDetail((s) => s.replaying);
  const replayError = useDetail((s) => s.replayError);
  const raw = useDetail((s) => s.raw);
  const forwardUrl = useSettings((s) => s.value?.config.sources.find((x) => x.id === detail.sourceId)?.forward?.url ?? null);
  const [target, setTarget] = useState('');
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState('');

  useEffect(() => {
    setEditing(false);
    setTarget('');
  }, [detail.id]);

  function startEditing() {
    // start from the original bytes when they were revealed, else from the redacted body
    setBody(raw && raw.encoding === 'utf8' ? raw.body : detail.body);
    setEditing(true);
  }

  const noTarget = !forwardUrl && !target.trim();
  return (
    <div className="replay-controls">
      <label className="field inline">
        <span>Target</span>
        <input
          type="url"
          aria-label="Replay target"
          placeholder={forwardUrl ?? 'http://localhost:3000/webhooks'}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        />
      </label>
      <p className="muted hint">
        {forwardUrl ? `Empty: the source's forward URL (${forwardUrl}).` : 'This source has no forward URL: enter a loopback target or set one in Settings.'}
      </p>
      <div className="button-row">
        <button type="button" className="btn" disabled={replaying || noTarget} onClick={() => void store.getState().replay({ mode: 'original', target })}>
          Replay original
        </button>
        <button type="button" className="btn" disabled={replaying || noTarget} onClick={() => void store.getState().replay({ mode: 'resign', target })}>
          Replay re-signed
        </button>
        <button type="button" className="btn btn-ghost" aria-expanded={editing} onClick={() => (editing ? setEditing(false) : startEditing())}>
          Edit &amp; re-sign
        </button>
      </div>
      {editing ? (
        <div className="edit-body">
          <label className="field">
            <span>Body to send (re-signed with a fresh timestamp)</span>
            <textarea aria-label="Body to re-sign" rows={10} spellCheck={false} value={body} onChange={(e) => setBody(e.target.value)} />
          </label>
          {!raw ? <p className="muted hint">Starts from the redacted body; reveal the raw body on the Request tab first to start from the original.</p> : null}
          <button type="button" className="btn btn-primary" disabled={replaying || noTarget} onClick={() => void store.getState().replay({ mode: 'resign', target, body })}>
            Send edited body, re-signed
          </button>
        </div>
      ) : null}
      {replaying ? (
        <p className="muted" role="status">
          Sending…
        </p>
      ) : null}
      <ErrorNote message={replayError} />
    </div>
  );
}
