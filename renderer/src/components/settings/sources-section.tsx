import { useEffect, useState } from 'react';
import { useSettings, useStores } from '../../app/stores-context';
import { draftFromSource, editingIndex, emptyDraft, type EditingSource } from '../../lib/source-draft';
import { ErrorNote } from '../common/error-note';
import { UrlText } from '../common/url-text';
import { SecretsEditor } from './secrets-editor';
import { SourceForm } from './source-form';

export function SourcesSection() {
  const { settings, ui } = useStores();
  const value = useSettings((s) => s.value);
  const presets = useSettings((s) => s.presets);
  const saving = useSettings((s) => s.saving);
  // tracked by id: deleting a source above the edited one must not shift the form onto another source
  const [editing, setEditing] = useState<EditingSource>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);

  useEffect(() => {
    if (ui.getState().consumeAddSource()) setEditing({ kind: 'new' });
  }, [ui]);

  if (!value) return null;
  const sources = value.config.sources;
  const index = editingIndex(sources, editing);
  const isNew = editing?.kind === 'new';
  const edited = !isNew && index !== null ? sources[index] : undefined;
  const presetLabel = (id: string | undefined) => (id ? (presets.find((p) => p.id === id)?.label ?? id) : 'none (capture only)');

  return (
    <section className="card" aria-label="Sources settings">
      <div className="section-head">
        <h3>Sources</h3>
        <button type="button" className="btn" onClick={() => setEditing({ kind: 'new' })}>
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
          {sources.map((s) => (
            <tr key={s.id} className={edited?.id === s.id ? 'selected' : ''}>
              <td>
                <code className="nowrap">{s.id}</code>
              </td>
              <td>{s.name ?? '—'}</td>
              <td>{presetLabel(s.provider)}</td>
              <td>{s.environment}</td>
              <td>{s.mode}</td>
              <td>{s.forward ? <UrlText url={s.forward.url} /> : '—'}</td>
              <td>{(value.secrets[s.id] ?? []).length}</td>
              <td className="nowrap">
                <button type="button" className="btn btn-small" aria-label={`Edit source ${s.id}`} onClick={() => setEditing({ kind: 'edit', id: s.id })}>
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
                    if (r.ok) setEditing((current) => (current?.kind === 'edit' && current.id === s.id ? null : current));
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
      {index !== null && (isNew || edited) ? (
        <SourceForm
          key={edited ? `edit-${edited.id}` : 'new'}
          initial={edited ? draftFromSource(edited) : emptyDraft()}
          index={index}
          isNew={isNew}
          presets={presets}
          saving={saving}
          onCancel={() => setEditing(null)}
          onSave={async (draft) => {
            // the position now, looked up by id: the list may have changed since the form opened
            const at = edited ? editingIndex(settings.getState().value?.config.sources ?? [], { kind: 'edit', id: edited.id }) : null;
            if (edited && at === null) return { ok: false, message: `Source ${edited.id} no longer exists.`, issues: [] };
            const result = await settings.getState().saveSource(at, draft);
            if (result.ok) {
              // keep the saved source open so its secrets can be added next
              const savedId = draft.id.trim();
              const saved = settings.getState().value?.config.sources.some((x) => x.id === savedId) ?? false;
              setEditing(saved ? { kind: 'edit', id: savedId } : null);
            }
            return result;
          }}
        />
      ) : null}
      {edited ? <SecretsEditor sourceId={edited.id} secrets={value.secrets[edited.id] ?? []} /> : null}
      {isNew ? <p className="muted">Save the source first, then add its signing secret.</p> : null}
    </section>
  );
}
