import { useEffect, useState } from 'react';
import { useSettings, useStores } from '../../app/stores-context';
import { draftFromSource, emptyDraft } from '../../lib/source-draft';
import { ErrorNote } from '../common/error-note';
import { SecretsEditor } from './secrets-editor';
import { SourceForm } from './source-form';

/** editing: an index into config.sources, 'new', or nothing */
type Editing = number | 'new' | null;

export function SourcesSection() {
  const { settings, ui } = useStores();
  const value = useSettings((s) => s.value);
  const presets = useSettings((s) => s.presets);
  const saving = useSettings((s) => s.saving);
  const [editing, setEditing] = useState<Editing>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);

  useEffect(() => {
    if (ui.getState().consumeAddSource()) setEditing('new');
  }, [ui]);

  if (!value) return null;
  const sources = value.config.sources;
  const index = editing === 'new' ? sources.length : editing;
  const presetLabel = (id: string) => presets.find((p) => p.id === id)?.label ?? id;

  return (
    <section className="card" aria-label="Sources settings">
      <div className="section-head">
        <h3>Sources</h3>
        <button type="button" className="btn" onClick={() => { setEditing('new'); setEditingId(null); }}>
          Add source
        </button>
      </div>
      {sources.length === 0 ? <p className="muted">No sources yet. Add one to start receiving webhooks.</p> : null}
      <table className="data-table" aria-label="Configured sources">
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">Name</th>
            <th scope="col">Provider</th>
            <th scope="col">Environment</th>
            <th scope="col">Mode</th>
            <th scope="col">Forward</th>
            <th scope="col">Secrets</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s, i) => (
            <tr key={s.id} className={editing === i ? 'selected' : ''}>
              <td>
                <code>{s.id}</code>
              </td>
              <td>{s.name ?? '—'}</td>
              <td>{presetLabel(s.provider)}</td>
              <td>{s.environment}</td>
              <td>{s.mode}</td>
              <td>{s.forward ? <code>{s.forward.url}</code> : '—'}</td>
              <td>{(value.secrets[s.id] ?? []).length}</td>
              <td className="nowrap">
                <button type="button" className="btn btn-small" aria-label={`Edit source ${s.id}`} onClick={() => { setEditing(i); setEditingId(s.id); }}>
                  Edit
                </button>{' '}
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  aria-label={`Delete source ${s.id}`}
                  onClick={async () => {
                    if (!window.confirm(`Delete source ${s.id}? Its stored deliveries stay in the database.`)) return;
                    const r = await settings.getState().removeSource(s.id);
                    setRemoveError(r.ok ? null : r.message);
                    if (r.ok && editing === i) setEditing(null);
                  }}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorNote message={removeError} />
      {editing !== null && index !== null ? (
        <SourceForm
          key={editing === 'new' ? 'new' : `edit-${editingId}`}
          initial={editing === 'new' ? emptyDraft() : draftFromSource(sources[editing])}
          index={index}
          isNew={editing === 'new'}
          presets={presets}
          saving={saving}
          onCancel={() => setEditing(null)}
          onSave={async (draft) => {
            const result = await settings.getState().saveSource(editing === 'new' ? null : editing, draft);
            if (result.ok) {
              // keep the saved source open so its secrets can be added next
              const saved = settings.getState().value?.config.sources.findIndex((x) => x.id === draft.id.trim()) ?? -1;
              setEditing(saved >= 0 ? saved : null);
              setEditingId(draft.id.trim());
            }
            return result;
          }}
        />
      ) : null}
      {typeof editing === 'number' && sources[editing] ? <SecretsEditor sourceId={sources[editing].id} secrets={value.secrets[sources[editing].id] ?? []} /> : null}
      {editing === 'new' ? <p className="muted">Save the source first, then add its signing secret.</p> : null}
    </section>
  );
}
