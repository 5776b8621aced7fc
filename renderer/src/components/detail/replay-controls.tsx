import { useEffect, useState } from 'react';
import type { DeliveryDetail } from '../../../../shared/api';
import { useDetail, useSettings, useStores, useWorkspace } from '../../app/stores-context';
import { ErrorNote } from '../common/error-note';
import { ReplayEditor } from './replay-editor';

const FORMAT_NAMES = { curl: 'cURL', fetch: 'fetch', httpie: 'HTTPie' } as const;

/** Replay as received or re-signed, to the forward URL or another loopback target; edit & re-sign; copy as a command. */
export function ReplayControls({ detail }: { detail: DeliveryDetail }) {
  const { detail: store, scope } = useStores();
  const replaying = useDetail((s) => s.replaying);
  const replayError = useDetail((s) => s.replayError);
  const localForwardUrl = useSettings((s) => s.value?.config.sources.find((x) => x.id === detail.sourceId)?.forward?.url ?? null);
  // a workspace delivery is replayed by this Hookscope: to the workspace's replay target, else the local source's forward URL
  const inWorkspace = scope === 'workspace';
  const workspaceTarget = useWorkspace((s) => s.info?.replayTarget ?? null);
  // the workspace prepares replays for members and admins only (it would refuse a viewer)
  const viewerOnly = useWorkspace((s) => inWorkspace && s.info?.role === 'viewer');
  const forwardUrl = inWorkspace ? (workspaceTarget ?? localForwardUrl) : localForwardUrl;
  const [target, setTarget] = useState('');
  const [editing, setEditing] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    setEditing(false);
    setTarget('');
    setCopied(null);
  }, [detail.id]);

  async function copy(format: 'curl' | 'fetch' | 'httpie') {
    setCopied(null);
    const text = await store.getState().copyCommand(format, { mode: 'resign', target });
    if (text === null) return;
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`Copied as ${FORMAT_NAMES[format]}, re-signed just now: it verifies while the timestamp is fresh (usually 5 minutes). It carries the signature, not the secret.`);
    } catch {
      setCopied('The clipboard refused the copy (the window must be focused): try again.');
    }
  }

  const noTarget = (!forwardUrl && !target.trim()) || viewerOnly;
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
      {viewerOnly ? (
        <p className="bad-text" role="status">
          Your token has the viewer role in this workspace: replaying needs the member or admin role. Ask an admin of the workspace for such a token.
        </p>
      ) : null}
      <p className="muted hint">
        {inWorkspace
          ? `Prepared and re-signed by the workspace, sent by this Hookscope to your machine. ${forwardUrl ? `Empty: ${forwardUrl}.` : 'Enter a loopback target (or set a replay target for the workspace in Settings).'}`
          : forwardUrl
            ? `Empty: the source's forward URL (${forwardUrl}).`
            : 'This source has no forward URL: enter a loopback target or set one in Settings.'}
      </p>
      <div className="button-row">
        <button type="button" className="btn" disabled={replaying || noTarget} onClick={() => void store.getState().replay({ mode: 'original', target })}>
          Replay original
        </button>
        <button type="button" className="btn" disabled={replaying || noTarget} onClick={() => void store.getState().replay({ mode: 'resign', target })}>
          Replay re-signed
        </button>
        <button type="button" className="btn btn-ghost" aria-expanded={editing} disabled={viewerOnly} onClick={() => setEditing(!editing)}>
          Edit &amp; re-sign
        </button>
      </div>
      {inWorkspace ? null : (
        <div className="button-row copy-row" role="group" aria-label="Copy the re-signed request as a command">
          <span className="muted">Copy re-signed as</span>
          {(['curl', 'fetch', 'httpie'] as const).map((format) => (
            <button key={format} type="button" className="btn btn-small" disabled={noTarget} onClick={() => void copy(format)}>
              {FORMAT_NAMES[format]}
            </button>
          ))}
        </div>
      )}
      {copied ? (
        <p className="muted hint" role="status">
          {copied}
        </p>
      ) : null}
      {editing ? <ReplayEditor detail={detail} target={target} onClose={() => setEditing(false)} /> : null}
      {replaying ? (
        <p className="muted" role="status">
          Sending…
        </p>
      ) : null}
      <ErrorNote message={replayError} />
    </div>
  );
}
