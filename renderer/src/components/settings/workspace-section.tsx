import { useState, type FormEvent } from 'react';
import { useStores, useWorkspace } from '../../app/stores-context';
import { ErrorNote } from '../common/error-note';
import { FormField } from './form-field';

const FIELDS = ['url', 'token', 'name', 'replayTarget'] as const;
type Field = (typeof FIELDS)[number];

/** Settings → Team workspace: connect with an address and a personal token; then its status and Disconnect. */
export function WorkspaceSection() {
  const { workspace, ui } = useStores();
  const info = useWorkspace((s) => s.info);
  const busy = useWorkspace((s) => s.busy);
  const error = useWorkspace((s) => s.error);
  const issues = useWorkspace((s) => s.issues);
  const [form, setForm] = useState<Record<Field, string>>({ url: '', token: '', name: '', replayTarget: '' });

  const errorsOf = (field: Field) => issues.filter((i) => i.field === `args.${field}`).map((i) => i.message);
  const unplaced = issues.length > 0 && issues.every((i) => !FIELDS.some((f) => i.field === `args.${f}`));
  const set = (field: Field) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });

  async function connect(e: FormEvent) {
    e.preventDefault();
    const ok = await workspace.getState().connect({
      url: form.url,
      token: form.token,
      ...(form.name.trim() ? { name: form.name.trim() } : {}),
      ...(form.replayTarget.trim() ? { replayTarget: form.replayTarget.trim() } : {}),
    });
    // the token lives in this instance now (sealed); the form forgets it
    if (ok) setForm({ url: '', token: '', name: '', replayTarget: '' });
  }

  if (info?.url) {
    return (
      <section className="card" aria-label="Team workspace">
        <h3>Team workspace</h3>
        <p className="tunnel-status">
          <strong className={`tunnel-text tunnel-${info.state}`}>{info.name}</strong> <code>{info.url}</code>
          {info.person ? (
            <>
              {' '}
              · {info.person} ({info.role})
            </>
          ) : null}
        </p>
        <p className={info.state === 'error' ? 'bad-text' : 'muted'} role="status">
          {info.message}
        </p>
        <p className="muted">
          Replays go to {info.replayTarget ? <code>{info.replayTarget}</code> : "your local source's forward URL (same source id)"}, sent by this Hookscope.
        </p>
        <div className="button-row">
          <button
            type="button"
            className="btn"
            onClick={() => {
              workspace.getState().setViewing('workspace');
              ui.getState().setView('inspector');
            }}
          >
            Show its history
          </button>
          <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void workspace.getState().disconnect()}>
            Disconnect
          </button>
        </div>
        <ErrorNote message={error} />
      </section>
    );
  }

  return (
    <section className="card" aria-label="Team workspace">
      <h3>Team workspace</h3>
      <p>
        Connect to a team&apos;s Hookscope server to see its shared history live. Replays from it are sent by this Hookscope to your own machine; your
        local history stays as it is.
      </p>
      {info?.state === 'error' ? <p className="bad-text">{info.message}</p> : null}
      <form className="workspace-form" onSubmit={(e) => void connect(e)} aria-label="Connect to a team workspace">
        <FormField label="Address" hint="e.g. https://hookscope.example.com (http:// only on this machine)" errors={errorsOf('url')}>
          {(p) => <input {...p} type="url" value={form.url} onChange={set('url')} placeholder="https://hookscope.example.com" autoComplete="off" spellCheck={false} />}
        </FormField>
        <FormField label="Personal token" hint="from an admin: hookscope token create --name YOU --role member. Stored sealed; never shown again." errors={errorsOf('token')}>
          {(p) => <input {...p} type="password" value={form.token} onChange={set('token')} autoComplete="off" spellCheck={false} />}
        </FormField>
        <FormField label="Name (optional)" hint="shown in the switcher; default the address's host" errors={errorsOf('name')}>
          {(p) => <input {...p} type="text" value={form.name} onChange={set('name')} />}
        </FormField>
        <FormField label="Replay target (optional)" hint="where replays go on this machine, e.g. http://localhost:3000/webhooks; empty: your local source's forward URL" errors={errorsOf('replayTarget')}>
          {(p) => <input {...p} type="url" value={form.replayTarget} onChange={set('replayTarget')} placeholder="http://localhost:3000/webhooks" />}
        </FormField>
        <div className="button-row">
          <button type="submit" className="btn" disabled={busy || !form.url.trim() || !form.token.trim()}>
            {busy ? 'Connecting…' : 'Connect'}
          </button>
        </div>
        <ErrorNote message={issues.length === 0 || unplaced ? error : null} />
      </form>
    </section>
  );
}
